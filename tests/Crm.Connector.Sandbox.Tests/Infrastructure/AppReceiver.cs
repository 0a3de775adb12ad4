using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Connector.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>
/// A stand-in for our function app where a test needs more than <see cref="HookReceiver"/>: it keeps the query string
/// (the installation callback carries DOMAIN, PROTOCOL, LANG, APP_SID there, §1.2), can run app logic while a request
/// is open (e.g. register handlers while handling ONAPPUPDATE), can be slow, and counts concurrent requests.
/// </summary>
internal sealed class AppReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<AppRequest> _received = new();
    private int _inFlight;
    private int _maxInFlight;

    private AppReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Status every request is answered with.</summary>
    public int StatusCode { get; set; } = 200;

    /// <summary>Body every request is answered with.</summary>
    public string ResponseBody { get; set; } = "OK";

    /// <summary>How long each request takes to answer.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>App logic run while the request is open, before the answer.</summary>
    public Func<AppRequest, Task>? OnRequest { get; set; }

    public IReadOnlyList<AppRequest> Received => [.. _received];

    /// <summary>The most requests that were open at the same time.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public static async Task<AppReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new AppReceiver(app, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived; fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForCountAsync(int count, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (_received.Count < count)
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{_received.Count} of {count} requests within {limit}.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            int seen;
            while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var request = new AppRequest(
                new ReceivedHook(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.ContentType ?? "", body),
                context.Request.QueryString.Value ?? "",
                context.Request.Headers.UserAgent.ToString());
            _received.Enqueue(request);
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            if (OnRequest is { } logic)
            {
                await logic(request);
            }

            context.Response.StatusCode = StatusCode;
            await context.Response.WriteAsync(ResponseBody);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
