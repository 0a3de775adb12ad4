using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Crm.Connector.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Benchmarks.Scale;

/// <summary>
/// The app's public address when several instances serve it: a small round-robin forwarder on loopback, standing in for
/// the load balancer in front of a scaled-out function app. The sandbox installs the app at this address and sends its
/// events here, so every instance gets its share of the portal's calls, as behind Azure's front end.
/// <para>
/// A backend that refuses the connection (killed, not started yet) is skipped and the request goes to the next — it
/// never reached an app, so sending it elsewhere cannot do anything twice. Anything else (a timeout, a reset after the
/// request went out) is answered 502 and not retried, as a real balancer does for a request that may have run. With no
/// backend up, or while <see cref="Down"/>, the answer is 503.
/// </para>
/// </summary>
internal sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _http;
    private ImmutableArray<Uri> _backends = [];
    private int _next = -1;
    private int _forwarded;
    private int _refused;
    private volatile bool _down;

    private RoundRobinProxy(WebApplication app, HttpClient http, Uri url)
    {
        _app = app;
        _http = http;
        Url = url;
    }

    /// <summary>The public address, e.g. <c>http://127.0.0.1:5000/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Requests handed to a backend that answered.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>Requests answered 502/503 by the proxy itself (no backend could take them).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>While true every request is answered 503 without being forwarded (an endpoint that is down).</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    /// <summary>Starts the proxy on a free loopback port with <paramref name="backends"/> (more can be set later).</summary>
    public static async Task<RoundRobinProxy> StartAsync(params Uri[] backends)
    {
        var port = FreePort.Next();
        var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.AbsoluteUri.TrimEnd('/'));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        var app = builder.Build();

        // Connections are reused across requests (as a balancer keeps them) but never pooled for long, so a restarted
        // instance on the same port is reached afresh. No cap on connections per instance: a queue in the proxy would
        // make the app look slower to acknowledge than it is.
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = TimeSpan.FromSeconds(15),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { Timeout = TimeSpan.FromSeconds(60) };
        var proxy = new RoundRobinProxy(app, http, url);
        proxy.SetBackends(backends);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>Replaces the backends (instances started or stopped); requests in flight finish where they went.</summary>
    public void SetBackends(IEnumerable<Uri> backends) => ImmutableInterlocked.InterlockedExchange(ref _backends, [.. backends]);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        // The body is read once and replayed to whichever backend takes it.
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var backends = _backends;
        if (_down || backends.IsEmpty)
        {
            await RefuseAsync(context, 503, "no backend is up");
            return;
        }

        for (var tried = 0; tried < backends.Length; tried++)
        {
            var backend = backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Length)];
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(backend, context.Request.Path.Value?.TrimStart('/') + context.Request.QueryString.Value));
            if (body.Length > 0 || HttpMethods.IsPost(context.Request.Method))
            {
                request.Content = new ByteArrayContent(body.ToArray());
            }

            foreach (var (name, values) in context.Request.Headers)
            {
                if (HopByHop.Contains(name))
                {
                    continue;
                }

                if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                continue;
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException) && !context.RequestAborted.IsCancellationRequested)
            {
                await RefuseAsync(context, 502, "the backend did not answer");
                return;
            }

            using (response)
            {
                Interlocked.Increment(ref _forwarded);
                context.Response.StatusCode = (int)response.StatusCode;
                foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
                {
                    if (!HopByHop.Contains(name))
                    {
                        context.Response.Headers[name] = values.ToArray();
                    }
                }

                await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
            }

            return;
        }

        await RefuseAsync(context, 503, "every backend refused the connection");
    }

    private async Task RefuseAsync(HttpContext context, int status, string why)
    {
        Interlocked.Increment(ref _refused);
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(why, context.RequestAborted);
    }
}
