using Crm.Connector.Limits;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>A WireMock stub playing one amoCRM account host (API and token endpoint); counts what reached it.</summary>
internal sealed class StubAccount : IDisposable
{
    public const string TokenPath = "/oauth2/access_token";

    public WireMockServer Server { get; } = WireMockServer.Start();

    public AmoAccountAddress Account => new(new Uri(Server.Url!));

    public static AmoOAuthApp App { get; } = new() { ClientId = "client-1", ClientSecret = "s3cr3t", RedirectUri = new Uri("https://connector.example.com/amocrm/install") };

    /// <summary>Options for tests that are not about pacing: a budget of their own that never holds a request back, quick back-off.</summary>
    public static AmoCrmClientOptions FastOptions(TimeProvider? time = null) => new()
    {
        RequestBudget = new InMemoryRequestBudget(TimeProvider.System),
        RateLimit = new RateLimit(1000, 1000),
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        MaxRetries = 3,
        TimeProvider = time,
    };

    /// <summary>A private-integration client on this stub.</summary>
    public AmoCrmClient LongLived(AmoCrmClientOptions? options = null) => new(Account, "long-lived", options ?? FastOptions());

    public void On(string method, string path, IResponseBuilder response) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);

    /// <summary>Requests with this path and HTTP method that reached the stub.</summary>
    public int Count(string path, string method = "GET") =>
        Server.LogEntries.Count(e => e.RequestMessage.Path == path && string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase));

    /// <summary>Bodies of the requests with this path and method, in arrival order.</summary>
    public IReadOnlyList<string> Bodies(string path, string method) => [.. Server.LogEntries
        .Where(e => e.RequestMessage.Path == path && string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase))
        .OrderBy(e => e.RequestMessage.DateTime)
        .Select(e => e.RequestMessage.Body ?? string.Empty)];

    public static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", status < 400 ? "application/hal+json" : "application/problem+json").WithBody(body);

    public static IResponseBuilder Problem(int status, string detail, string? extra = null) =>
        Json($$"""{"title":"Error","type":"https://httpstatus.es/{{status}}","status":{{status}},"detail":"{{detail}}"{{extra}}}""", status);

    public static string TokenPair(string access, string refresh) =>
        $$"""{"token_type":"Bearer","expires_in":86400,"access_token":"{{access}}","refresh_token":"{{refresh}}"}""";

    public void Dispose() => Server.Stop();
}
