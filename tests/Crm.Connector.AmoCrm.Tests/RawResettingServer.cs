using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>A server below HTTP: reads a request (head and body) and resets the connection (RST) without answering. Counts requests.</summary>
internal sealed class RawResettingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private int _requests;

    public RawResettingServer()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests => Volatile.Read(ref _requests);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        try
        {
            var received = new StringBuilder();
            var buffer = new byte[8192];
            while (!HasWholeRequest(received.ToString()))
            {
                var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (n == 0)
                {
                    return;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            Interlocked.Increment(ref _requests);
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up first.
        }
    }

    private static bool HasWholeRequest(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var length = text[..end].Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        return text.Length - end - 4 >= length;
    }
}
