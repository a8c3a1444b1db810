using System.Net;
using System.Net.Sockets;
using System.Text;
using EcsBlueGreen.Simulator.Engine;

namespace EcsBlueGreen.Simulator.Elb;

/// <summary>
/// Real test traffic: every simulated listener also listens on a loopback port of its own (127.0.0.1 only),
/// shown as the listener's Port with the load balancer's DNS name 127.0.0.1, and answers HTTP/1.1 requests as
/// <see cref="TrafficRouter"/> decides (one request per connection). A scenario load binds the new world's
/// listeners and releases the old ports; <see cref="Dispose"/> releases them all.
/// </summary>
public sealed class ListenerPorts : IDisposable
{
    private const int MaxHeadBytes = 32 * 1024;
    private readonly object gate;
    private readonly List<(TcpListener Socket, CancellationTokenSource Stop)> open = new();
    private TrafficRouter router = new();

    /// <param name="gate">The simulation's gate: the world is read under it.</param>
    public ListenerPorts(object gate) => this.gate = gate;

    /// <summary>Closes the current ports and opens one per listener of <paramref name="worlds"/>, writing the ports into them.</summary>
    public void Bind(IEnumerable<World> worlds)
    {
        CloseAll();
        router = new TrafficRouter();
        foreach (var world in worlds)
        {
            foreach (var lb in world.Elb.LoadBalancers) lb.DnsName = IPAddress.Loopback.ToString();
            foreach (var listener in world.Elb.Listeners)
            {
                var socket = new TcpListener(IPAddress.Loopback, 0);
                socket.Start();
                listener.Port = ((IPEndPoint)socket.LocalEndpoint).Port;
                var stop = new CancellationTokenSource();
                open.Add((socket, stop));
                _ = AcceptLoop(socket, world, listener, router, stop.Token);
            }
        }
    }

    public int OpenPorts => open.Count;

    public void Dispose() => CloseAll();

    private void CloseAll()
    {
        foreach (var (socket, stop) in open)
        {
            stop.Cancel();
            socket.Stop();
            stop.Dispose();
        }
        open.Clear();
    }

    private async Task AcceptLoop(TcpListener socket, World world, Listener listener, TrafficRouter routerOfThisWorld, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await socket.AcceptTcpClientAsync(stop); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { return; }
            _ = Serve(client, world, listener, routerOfThisWorld, stop);
        }
    }

    private async Task Serve(TcpClient client, World world, Listener listener, TrafficRouter routerOfThisWorld, CancellationToken stop)
    {
        using (client)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
                timeout.CancelAfter(TimeSpan.FromSeconds(30));
                var stream = client.GetStream();
                var head = await ReadHead(stream, timeout.Token);
                if (head == null) return;
                var lines = head.Split("\r\n");
                var requestLine = lines[0].Split(' ');
                var target = requestLine.Length > 1 ? requestLine[1] : "/";
                var path = target.Split('?')[0];
                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1))
                {
                    var colon = line.IndexOf(':', StringComparison.Ordinal);
                    if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
                TrafficAnswer answer;
                lock (gate) answer = routerOfThisWorld.Answer(world, listener, path, headers);
                var body = Encoding.UTF8.GetBytes(answer.Body);
                var response = new StringBuilder();
                response.Append("HTTP/1.1 ").Append(answer.Status).Append(' ').Append(Reason(answer.Status)).Append("\r\n");
                response.Append("Content-Type: text/plain; charset=utf-8\r\n");
                response.Append("Content-Length: ").Append(body.Length).Append("\r\n");
                response.Append("Connection: close\r\n");
                foreach (var (name, value) in answer.Headers) response.Append(name).Append(": ").Append(value).Append("\r\n");
                response.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(response.ToString()), timeout.Token);
                await stream.WriteAsync(body, timeout.Token);
                await stream.FlushAsync(timeout.Token);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the port closed: nothing to answer.
            }
        }
    }

    private static async Task<string?> ReadHead(NetworkStream stream, CancellationToken cancel)
    {
        var buffer = new byte[MaxHeadBytes];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(filled), cancel);
            if (n == 0) return null;
            filled += n;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0) return text[..end];
        }
        return null;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
