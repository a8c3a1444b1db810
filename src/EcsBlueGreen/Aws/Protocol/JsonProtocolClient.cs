using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using EcsBlueGreen.Aws.Http;
using EcsBlueGreen.Aws.Retry;

namespace EcsBlueGreen.Aws.Protocol
{
    /// <summary>
    /// awsJson1_1 (ECS, ECR): POST / with X-Amz-Target = targetPrefix.Operation and the input structure
    /// as a JSON object; the output comes back as a JSON object (docs/aws-access.md, "awsJson 1.1").
    /// </summary>
    internal sealed class JsonProtocolClient
    {
        public const string ContentType = "application/x-amz-json-1.1";

        private readonly AwsServiceConnection _connection;
        private readonly RetryingInvoker _invoker;

        public JsonProtocolClient(AwsServiceConnection connection, RetryingInvoker invoker)
        {
            _connection = connection;
            _invoker = invoker;
        }

        public AwsServiceConnection Connection => _connection;

        /// <summary>Builds the wire request; public so contract tests can validate what we send.</summary>
        public AwsHttpRequest BuildRequest(string operation, JsonObject input)
        {
            var body = Encoding.UTF8.GetBytes(input.ToJsonString());
            var headers = new[]
            {
                new KeyValuePair<string, string>("X-Amz-Target", _connection.Service.TargetPrefix + "." + operation),
            };
            return new AwsHttpRequest(operation, ContentType, body, headers);
        }

        public Task<JsonObject> InvokeAsync(string operation, JsonObject input, CancellationToken cancellationToken,
            UnknownOutcomeCheck<JsonObject>? unknownOutcomeCheck = null)
        {
            var request = BuildRequest(operation, input);
            var service = _connection.Service.DisplayName;
            return _invoker.InvokeAsync(_connection, request,
                response => ParseBody(service, operation, response),
                response => AwsErrorParser.ParseJson(service, operation, response, _connection.KnownSecrets),
                unknownOutcomeCheck, cancellationToken);
        }

        private static JsonObject ParseBody(string service, string operation, AwsHttpResponse response)
        {
            if (response.Body.Length == 0)
            {
                return new JsonObject();
            }

            try
            {
                return JsonNode.Parse(response.Body) as JsonObject
                       ?? throw new AwsServiceException(service, operation, "InvalidResponse", "The response body is not a JSON object.",
                           response.StatusCode, response.Header("x-amzn-RequestId"), false);
            }
            catch (JsonException)
            {
                // The parser's message quotes the offending characters: described by status and type only.
                throw new AwsServiceException(service, operation, "InvalidResponse", AwsErrorParser.NotAnAwsError(response, "JSON"),
                    response.StatusCode, response.Header("x-amzn-RequestId"), false);
            }
        }
    }
}
