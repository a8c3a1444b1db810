using System.Collections.Generic;

namespace EcsBlueGreen.Aws.Http
{
    /// <summary>One protocol-level request: always POST / with a body (awsJson1_1 and awsQuery both are).</summary>
    internal sealed class AwsHttpRequest
    {
        public AwsHttpRequest(string operation, string contentType, byte[] body, IReadOnlyList<KeyValuePair<string, string>> extraHeaders)
        {
            Operation = operation;
            ContentType = contentType;
            Body = body;
            ExtraHeaders = extraHeaders;
        }

        public string Operation { get; }
        public string ContentType { get; }
        public byte[] Body { get; }
        /// <summary>Signed protocol headers such as X-Amz-Target.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> ExtraHeaders { get; }
    }

    /// <summary>What came back: status, headers (case-insensitive names) and the whole body.</summary>
    internal sealed class AwsHttpResponse
    {
        public AwsHttpResponse(int statusCode, IReadOnlyDictionary<string, string> headers, byte[] body)
        {
            StatusCode = statusCode;
            Headers = headers;
            Body = body;
        }

        public int StatusCode { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public bool IsSuccess => StatusCode >= 200 && StatusCode < 300;

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }
}
