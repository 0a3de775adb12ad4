using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Testing;

/// <summary>
/// An HTTP endpoint on loopback that records every request it gets (path and form fields) and answers
/// <see cref="StatusCode"/> — a stand-in for our event and robot handlers where a test needs to see what a portal sends.
/// </summary>
public sealed class HookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedHook> _received = new();

    private HookReceiver(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The receiver's address; any path below it is accepted.</summary>
    public Uri Url { get; }

    /// <summary>Status every request is answered with (200 unless a test wants failures).</summary>
    public int StatusCode { get; set; } = 200;

    public IReadOnlyList<ReceivedHook> Received => [.. _received];

    public static async Task<HookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HookReceiver(app, new Uri($"http://127.0.0.1:{port}/"));
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new ReceivedHook(context.Request.Method, context.Request.Path.Value ?? "/", context.Request.ContentType ?? string.Empty, body));
            context.Response.StatusCode = receiver.StatusCode;
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits until a request matching <paramref name="predicate"/> arrives; fails after <paramref name="timeout"/>.</summary>
    public async Task<ReceivedHook> WaitForAsync(Func<ReceivedHook, bool> predicate, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            var match = _received.FirstOrDefault(predicate);
            if (match is not null)
            {
                return match;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No matching request within {limit}; received {_received.Count}: {string.Join("; ", _received.Select(r => r.Path))}");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
