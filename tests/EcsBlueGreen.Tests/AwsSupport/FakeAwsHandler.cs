using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Tests.AwsSupport
{
    /// <summary>A recorded request as the fake server saw it.</summary>
    public sealed class RecordedRequest
    {
        public RecordedRequest(HttpRequestMessage message, byte[] body)
        {
            Method = message.Method.Method;
            Uri = message.RequestUri!;
            Headers = message.Headers.Concat(message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            Body = body;
        }

        public string Method { get; }
        public Uri Uri { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public string BodyText => Encoding.UTF8.GetString(Body);

        /// <summary>awsJson operation (from X-Amz-Target) or awsQuery Action.</summary>
        public string Operation
        {
            get
            {
                if (Headers.TryGetValue("X-Amz-Target", out var target))
                {
                    return target.Substring(target.IndexOf('.') + 1);
                }

                var action = BodyText.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
                return action == null ? "" : Uri.UnescapeDataString(action.Substring("Action=".Length));
            }
        }
    }

    /// <summary>
    /// Answers each request with the next scripted response (or a responder function), records everything.
    /// Never touches the network.
    /// </summary>
    public sealed class FakeAwsHandler : HttpMessageHandler
    {
        private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _script =
            new ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>>();

        public List<RecordedRequest> Requests { get; } = new List<RecordedRequest>();

        /// <summary>Used when the script is empty.</summary>
        public Func<RecordedRequest, HttpResponseMessage>? Default { get; set; }

        public FakeAwsHandler Enqueue(Func<RecordedRequest, HttpResponseMessage> responder)
        {
            _script.Enqueue((r, _) => Task.FromResult(responder(r)));
            return this;
        }

        public FakeAwsHandler EnqueueAsync(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> responder)
        {
            _script.Enqueue(responder);
            return this;
        }

        public FakeAwsHandler EnqueueJson(HttpStatusCode status, string json, params (string, string)[] headers) =>
            Enqueue(_ => Json(status, json, headers));

        public FakeAwsHandler EnqueueThrow(Exception exception) => Enqueue(_ => throw exception);

        public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/x-amz-json-1.1") };
            if (!headers.Any(h => h.Name.Equals("x-amzn-RequestId", StringComparison.OrdinalIgnoreCase)))
            {
                response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            }

            foreach (var (name, value) in headers)
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }

            return response;
        }

        public static HttpResponseMessage Xml(HttpStatusCode status, string xml) =>
            new HttpResponseMessage(status) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content == null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var recorded = new RecordedRequest(request, body);
            lock (Requests)
            {
                Requests.Add(recorded);
            }

            if (_script.TryDequeue(out var next))
            {
                return await next(recorded, cancellationToken);
            }

            if (Default != null)
            {
                return Default(recorded);
            }

            throw new InvalidOperationException("Unscripted request: " + recorded.Operation);
        }
    }
}
