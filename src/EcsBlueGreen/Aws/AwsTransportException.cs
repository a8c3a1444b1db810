using System;

namespace EcsBlueGreen.Aws
{
    /// <summary>
    /// A call that got no AWS answer after all attempts: connection refused/reset, DNS failure, or a
    /// timeout. OutcomeUnknown says the request may have reached AWS (the write may have happened).
    /// </summary>
    public sealed class AwsTransportException : Exception
    {
        public AwsTransportException(string service, string operation, string message, bool outcomeUnknown, Exception? inner)
            : base(message, inner)
        {
            Service = service;
            Operation = operation;
            OutcomeUnknown = outcomeUnknown;
        }

        public string Service { get; }
        public string Operation { get; }
        public bool OutcomeUnknown { get; }
    }
}
