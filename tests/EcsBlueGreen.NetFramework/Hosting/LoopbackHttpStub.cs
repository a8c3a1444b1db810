using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EcsBlueGreen.NetFramework.Hosting
{
    /// <summary>
    /// A one-answer HTTP/1.1 server on 127.0.0.1: every request gets the same status and body, and
    /// its head (request line and headers, as the client sent them) is kept.
    /// </summary>
    internal sealed class LoopbackHttpStub : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly string _status;
        private readonly string _contentType;
        private readonly string _body;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();

        public LoopbackHttpStub(int status, string contentType, string body)
        {
            _status = status + " " + (status < 400 ? "OK" : "Error");
            _contentType = contentType;
            _body = body;
            _listener.Start();
            Task.Run(AcceptAsync);
        }

        public string Endpoint => "http://127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port + "/";

        public ConcurrentQueue<string> RequestHeads { get; } = new ConcurrentQueue<string>();

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                _ = Task.Run(() => AnswerAsync(client));
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using (client)
            using (var stream = client.GetStream())
            {
                var head = await ReadHeadAsync(stream).ConfigureAwait(false);
                RequestHeads.Enqueue(head);
                var body = Encoding.UTF8.GetBytes(_body);
                var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {_status}\r\nContent-Type: {_contentType}\r\nContent-Length: {body.Length}\r\nx-amzn-RequestId: stub-request\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
                await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            }
        }

        // Up to the blank line; a body, if any, is left unread (the answer does not depend on it).
        private static async Task<string> ReadHeadAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, 0, 1).ConfigureAwait(false) == 1)
            {
                head.Append((char)one[0]);
            }

            return head.ToString();
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
        }
    }
}
