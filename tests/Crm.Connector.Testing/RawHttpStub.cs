using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Crm.Connector.Testing;

/// <summary>
/// Faults below HTTP that WireMock does not produce: a connection reset once the request has arrived, or a chunked body
/// whose chunk is broken before the connection closes. Counts the requests that arrived.
/// </summary>
public sealed class RawHttpStub : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[]? _answer;
    private int _requests;

    /// <param name="answer">The raw bytes sent back; null resets the connection instead.</param>
    private RawHttpStub(byte[]? answer)
    {
        _answer = answer;
        _listener.Start();
        _ = AcceptAsync();
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Requests whose head arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Resets every connection (RST) as soon as a request has arrived.</summary>
    public static RawHttpStub Resetting() => new(null);

    /// <summary>Answers 200 with a chunked body whose second chunk is cut and malformed, then closes.</summary>
    public static RawHttpStub BrokenChunk() => new(Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        + "a\r\n{\"result\":\r\nzz\r\n42"));

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
            await ReadRequestAsync(socket);
            Interlocked.Increment(ref _requests);
            if (_answer is null)
            {
                socket.LingerState = new LingerOption(true, 0);
                return;
            }

            await socket.SendAsync(_answer, SocketFlags.None, _stop.Token);
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client gave up first: nothing to answer.
        }
    }

    /// <summary>Reads the request head and its Content-Length body.</summary>
    private async Task ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headEnd;
        while ((headEnd = IndexOfHeadEnd(received)) < 0)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (n == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        var head = Encoding.ASCII.GetString([.. received], 0, headEnd);
        var length = head.Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(parts => int.Parse(parts[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        while (received.Count - headEnd - 4 < length)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (n == 0)
            {
                break;
            }

            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }
    }

    private static int IndexOfHeadEnd(List<byte> bytes)
    {
        for (var i = 0; i + 3 < bytes.Count; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }
}
