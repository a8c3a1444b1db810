using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// A call that got no AWS answer after all attempts: connection refused/reset, DNS failure, or a
    /// timeout. OutcomeUnknown says the request may have reached AWS (the write may have happened);
    /// EndpointUnreachable that the last attempt could not even connect (refused, no route, unknown host).
    /// </summary>
    public sealed class AwsTransportException : Exception
    {
        public AwsTransportException(string service, string operation, string message, bool outcomeUnknown, Exception? inner,
            Uri? endpoint = null, bool endpointUnreachable = false)
            : base(message, inner)
        {
            Service = service;
            Operation = operation;
            OutcomeUnknown = outcomeUnknown;
            Endpoint = endpoint;
            EndpointUnreachable = endpointUnreachable;
        }

        public string Service { get; }
        public string Operation { get; }
        public bool OutcomeUnknown { get; }

        /// <summary>The endpoint the call went to (no secrets: the URL of the service).</summary>
        public Uri? Endpoint { get; }

        public bool EndpointUnreachable { get; }
    }
}
