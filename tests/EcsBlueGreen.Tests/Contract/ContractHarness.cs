using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using EcsBlueGreen.Aws;
using EcsBlueGreen.Tests.AwsSupport;
using Xunit;

namespace EcsBlueGreen.Tests.Contract
{
    /// <summary>
    /// One fake service per test: answers every operation with a generated, model-valid, fully populated
    /// output and afterwards validates every request we sent against the operation's input shape.
    /// </summary>
    public sealed class ContractHarness : IDisposable
    {
        public ContractHarness(string modelFile, bool query = false, IReadOnlyDictionary<string, string>? overrides = null,
            Func<string, JsonObject?>? outputFor = null)
        {
            Model = ServiceModel.Load(RepoPaths.Model(modelFile));
            Generator = new SampleGenerator(Model, overrides: overrides);
            Handler = new FakeAwsHandler
            {
                Default = request =>
                {
                    var outputShape = Model.OutputShapeName(request.Operation);
                    if (query)
                    {
                        var ns = (string)Model.Metadata["xmlNamespace"]!;
                        var doc = outputShape == null ? new System.Xml.Linq.XDocument(new System.Xml.Linq.XElement(request.Operation + "Response"))
                            : Generator.QueryResponse(request.Operation, outputShape, ns);
                        return FakeAwsHandler.Xml(HttpStatusCode.OK, doc.ToString());
                    }

                    var custom = outputFor?.Invoke(request.Operation);
                    var body = custom ?? (outputShape == null ? new JsonObject() : Generator.Json(outputShape));
                    return FakeAwsHandler.Json(HttpStatusCode.OK, body!.ToJsonString());
                },
            };
            Session = Sessions.WithHandler(Handler);
        }

        public ServiceModel Model { get; }
        public SampleGenerator Generator { get; }
        public FakeAwsHandler Handler { get; }
        public AwsSession Session { get; }

        /// <summary>Every request sent so far is valid for its operation's input shape.</summary>
        public void AssertRequestsMatchModel(bool query = false)
        {
            Assert.NotEmpty(Handler.Requests);
            foreach (var request in Handler.Requests)
            {
                var inputShape = Model.InputShapeName(request.Operation);
                Assert.False(inputShape == null, request.Operation + " has no input shape in the model");
                IReadOnlyList<string> errors;
                if (query)
                {
                    Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", request.Headers["Content-Type"]);
                    var pairs = request.BodyText.Split('&').Select(p => p.Split(new[] { '=' }, 2))
                        .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1]))).ToList();
                    Assert.Contains(pairs, p => p.Key == "Version" && p.Value == (string)Model.Metadata["apiVersion"]!);
                    errors = new QueryModelValidator(Model).Validate(pairs, inputShape!);
                }
                else
                {
                    Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
                    Assert.Equal((string)Model.Metadata["targetPrefix"]! + "." + request.Operation, request.Headers["X-Amz-Target"]);
                    errors = new ModelValidator(Model).Validate(JsonNode.Parse(request.BodyText), inputShape!);
                }

                Assert.True(errors.Count == 0, request.Operation + ": " + string.Join("; ", errors));
                Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + Sessions.AccessKey + "/", request.Headers["Authorization"]);
                Assert.Contains("/eu-west-2/" + SigningName + "/aws4_request", request.Headers["Authorization"]);
            }
        }

        public string SigningName => (string?)Model.Metadata["signingName"] ?? (string)Model.Metadata["endpointPrefix"]!;

        public IEnumerable<string> OperationsCalled => Handler.Requests.Select(r => r.Operation).Distinct();

        public void Dispose() => Session.Dispose();
    }
}
