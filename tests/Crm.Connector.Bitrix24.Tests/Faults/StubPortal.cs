using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Crm.Connector.Bitrix24.Tests.Faults;

/// <summary>
/// A WireMock stub playing one portal's REST endpoint (and its token endpoint) for faults the sandbox does not model:
/// broken bodies, resets, slow answers, HTML pages. Counts what reached it.
/// </summary>
internal sealed class StubPortal : IDisposable
{
    /// <summary>The webhook's secret: part of every REST URL, so it must never show in a log.</summary>
    public const string Secret = "wh00ks3cr3t";

    public const string TokenPath = "/oauth/token/";

    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    public WireMockServer Server { get; } = WireMockServer.Start();

    /// <summary>Requests held by <see cref="Held"/> answers so far (counted as they arrive, not when answered).</summary>
    public int HeldRequests => Volatile.Read(ref _held);

    public Uri BaseUrl => new(Server.Url! + "/");

    /// <summary>An incoming webhook on this stub.</summary>
    public Uri WebhookUrl => new(BaseUrl, $"rest/1/{Secret}/");

    /// <summary>The REST endpoint of an app installation on this stub.</summary>
    public Uri ClientEndpoint => new(BaseUrl, "rest/");

    public Uri TokenEndpoint => new(BaseUrl, TokenPath.TrimStart('/'));

    /// <summary>The path a webhook call of <paramref name="method"/> goes to.</summary>
    public static string WebhookPath(string method) => $"/rest/1/{Secret}/{method}.json";

    /// <summary>Answers POSTs of <paramref name="method"/> (webhook) with <paramref name="response"/>.</summary>
    public void OnWebhook(string method, IResponseBuilder response) =>
        Server.Given(Request.Create().WithPath(WebhookPath(method)).UsingPost()).RespondWith(response);

    /// <summary>Requests with this path and HTTP method that reached the stub.</summary>
    public int Count(string path, string httpMethod = "POST") =>
        Server.LogEntries.Count(e => e.RequestMessage.Path == path && string.Equals(e.RequestMessage.Method, httpMethod, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every request that reached the stub.</summary>
    public int Requests => Server.LogEntries.Count;

    /// <summary>A Bitrix24 JSON answer.</summary>
    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    /// <summary>A proxy's or web server's HTML error page.</summary>
    public static IResponseBuilder Html(int status) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/html").WithBody("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");

    /// <summary>
    /// An answer that does not come until the stub is disposed: slower than any attempt timeout a test sets. Each request
    /// is counted on arrival (the stub's log has it only once answered).
    /// </summary>
    public IResponseBuilder Held(string body) => Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json")
        .WithBody(async _ =>
        {
            Interlocked.Increment(ref _held);
            await _release.Task;
            return body;
        });

    /// <summary>One request the stub answers at once, so that its first answer is not slowed by its own start.</summary>
    public async Task WarmUpAsync()
    {
        Server.Given(Request.Create().WithPath("/warm-up").UsingGet()).RespondWith(Response.Create().WithStatusCode(204));
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri(BaseUrl, "warm-up"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits (30 s at most) until <paramref name="count"/> held requests have arrived; a request the client sent
    /// may reach the stub's handler after the client gave up on it.</summary>
    public async Task UntilHeldAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (HeldRequests < count && !timeout.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }
    }

    public void Dispose()
    {
        _release.TrySetResult();
        Server.Stop();
    }
}
