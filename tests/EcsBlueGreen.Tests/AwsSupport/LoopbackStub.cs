using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.Tests.AwsSupport
{
    /// <summary>
    /// A tiny HTTP server on 127.0.0.1 (System.Net.HttpListener) standing in for STS or the SSO portal, so
    /// assume-role and SSO resolution run end to end through the real AWSSDK clients without leaving loopback.
    /// </summary>
    public sealed class LoopbackStub : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Func<StubRequest, (int Status, string ContentType, string Body)> _respond;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public LoopbackStub(Func<StubRequest, (int Status, string ContentType, string Body)> respond)
        {
            _respond = respond;
            Port = FreePort();
            Url = $"http://127.0.0.1:{Port}/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        public int Port { get; }
        public string Url { get; }
        public List<StubRequest> Requests { get; } = new List<StubRequest>();

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested || !_listener.IsListening)
                {
                    return;
                }

                string body;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    body = await reader.ReadToEndAsync();
                }

                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (string? key in context.Request.Headers.AllKeys)
                {
                    if (key != null) headers[key] = context.Request.Headers[key] ?? "";
                }

                var request = new StubRequest(context.Request.HttpMethod, context.Request.Url!.PathAndQuery, headers, body);
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var (status, contentType, responseBody) = _respond(request);
                var bytes = Encoding.UTF8.GetBytes(responseBody);
                context.Response.StatusCode = status;
                context.Response.ContentType = contentType;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _stop.Cancel();
            try
            {
                _listener.Stop();
                _listener.Close();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }

    public sealed class StubRequest
    {
        public StubRequest(string method, string pathAndQuery, IReadOnlyDictionary<string, string> headers, string body)
        {
            Method = method;
            PathAndQuery = pathAndQuery;
            Headers = headers;
            Body = body;
        }

        public string Method { get; }
        public string PathAndQuery { get; }
        public IReadOnlyDictionary<string, string> Headers { get; }
        public string Body { get; }
    }
}
