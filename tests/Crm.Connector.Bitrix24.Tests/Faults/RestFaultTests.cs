using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Tests.Portal;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;
using WireMock.ResponseBuilders;

namespace Crm.Connector.Bitrix24.Tests.Faults;

/// <summary>
/// REST calls through an <see cref="HttpClient"/> from <c>AddBitrix24Http</c> against answers a portal or a proxy in
/// front of it may give: the generic handler must never repeat a creating call; the client's own rules decide.
/// </summary>
public sealed class RestFaultTests : IDisposable
{
    private const string Add = "crm.deal.add";
    private const string Get = "crm.deal.get";

    private readonly StubPortal _portal = new();
    private readonly FactoryHttp _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _portal.Dispose();
    }

    [Fact]
    public async Task DealAdd_Answered500_IsSentExactlyOnce()
    {
        _portal.OnWebhook(Add, StubPortal.Json("""{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}""", 500));
        using var client = Client();

        var error = await Assert.ThrowsAsync<Bitrix24ServerException>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "once" }));

        Assert.False(error.IsTransient);
        Assert.Equal(1, _portal.Count(StubPortal.WebhookPath(Add)));
    }

    [Theory]
    [InlineData("truncated", """{"result":""")]
    [InlineData("empty", "")]
    [InlineData("not an object", "[1,2")]
    public async Task DealAdd_Answered200WithABrokenBody_IsSentExactlyOnce(string kind, string body)
    {
        _portal.OnWebhook(Add, StubPortal.Json(body));
        using var client = Client();

        var error = await Assert.ThrowsAsync<Bitrix24ServerException>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = kind }));

        Assert.Equal(Bitrix24ErrorCodes.UnexpectedAnswer, error.Code);
        Assert.Equal(1, _portal.Count(StubPortal.WebhookPath(Add)));
    }

    [Fact]
    public async Task DealAdd_ChunkBrokenBodyThenClosed_IsSentExactlyOnceAndMayHaveRun()
    {
        using var stub = RawHttpStub.BrokenChunk();
        using var client = Client(stub);

        var error = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "chunk" }));

        Assert.False(error.IsTransient, error.Message);
        Assert.Equal(1, stub.Requests);
    }

    [Fact]
    public async Task DealGet_ChunkBrokenBodyEveryTime_IsRepeatedByTheClientsOwnRuleThenRaised()
    {
        using var stub = RawHttpStub.BrokenChunk();
        using var client = Client(stub, maxRetries: 2);

        await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => client.Crm.Deals.GetAsync(7));

        Assert.Equal(3, stub.Requests);
    }

    [Fact]
    public async Task DealAdd_MalformedChunk_IsSentExactlyOnce()
    {
        _portal.OnWebhook(Add, Response.Create().WithStatusCode(200).WithBody("""{"result":42,"time":{}}""").WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        using var client = Client();

        var error = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "chunk" }));

        Assert.False(error.IsTransient, error.Message);
        Assert.Equal(1, _portal.Count(StubPortal.WebhookPath(Add)));
    }

    [Fact]
    public async Task DealAdd_ConnectionReset_IsSentExactlyOnceAndMayHaveRun()
    {
        using var stub = RawHttpStub.Resetting();
        using var client = Client(stub);

        var error = await Assert.ThrowsAsync<Bitrix24TransportException>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "reset" }));

        Assert.True(error.MayHaveRun);
        Assert.False(error.IsTransient);
        Assert.Equal(1, stub.Requests);
    }

    [Fact]
    public async Task DealAdd_SlowerThanTheAttemptTimeout_IsSentExactlyOnceAsATransportError()
    {
        _portal.OnWebhook(Add, _portal.Held("""{"result":42}"""));
        await _portal.WarmUpAsync();
        using var http = new FactoryHttp(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        using var client = Client(http);

        var error = await Assert.ThrowsAsync<Bitrix24TransportException>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "slow" }));
        await _portal.UntilHeldAsync(1);

        Assert.True(error.MayHaveRun);
        Assert.Contains("no answer within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _portal.HeldRequests);
    }

    [Fact]
    public async Task DealGet_SlowerThanTheAttemptTimeout_IsRepeatedByTheClientsOwnRule()
    {
        _portal.OnWebhook(Get, _portal.Held("""{"result":{"ID":"7"}}"""));
        await _portal.WarmUpAsync();
        using var http = new FactoryHttp(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
        using var client = Client(http, maxRetries: 2);

        await Assert.ThrowsAsync<Bitrix24TransportException>(() => client.Crm.Deals.GetAsync(7));
        await _portal.UntilHeldAsync(3);

        Assert.Equal(3, _portal.HeldRequests);
    }

    [Fact]
    public async Task DealGet_ChunkBrokenOnceThenWhole_IsRepeatedAndSucceeds()
    {
        _portal.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(StubPortal.WebhookPath(Get)).UsingPost())
            .InScenario("broken once").WillSetStateTo("whole")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"result":{"ID":"7","TITLE":"x"}}""").WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        _portal.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath(StubPortal.WebhookPath(Get)).UsingPost())
            .InScenario("broken once").WhenStateIs("whole")
            .RespondWith(StubPortal.Json("""{"result":{"ID":"7","TITLE":"whole"}}"""));
        using var client = Client();

        var deal = await client.Crm.Deals.GetAsync(7);

        Assert.Equal("whole", deal.Value<string>("TITLE"));
        Assert.Equal(2, _portal.Count(StubPortal.WebhookPath(Get)));
    }

    [Theory]
    [InlineData(502)]
    [InlineData(200)]
    public async Task DealGet_HtmlPage_IsATypedServerErrorNotQuotingMoreThanItsStart(int status)
    {
        _portal.OnWebhook(Get, StubPortal.Html(status));
        using var client = Client(maxRetries: 1);

        var error = await Assert.ThrowsAsync<Bitrix24ServerException>(() => client.Crm.Deals.GetAsync(7));

        Assert.Contains("not a Bitrix24 answer", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _portal.Count(StubPortal.WebhookPath(Get)));
    }

    [Fact]
    public async Task FactoryClient_Logs_NeverShowTheWebhookSecret()
    {
        _portal.OnWebhook(Get, StubPortal.Json("""{"result":{"ID":"7"}}"""));
        using var client = Client();

        await client.Crm.Deals.GetAsync(7);

        Assert.Equal(1, _portal.Count(StubPortal.WebhookPath(Get)));
        Assert.DoesNotContain(_http.Logs, line => line.Contains(StubPortal.Secret, StringComparison.Ordinal));
    }

    private Bitrix24Client Client(int maxRetries = 8) => Client(_http, _portal.WebhookUrl, maxRetries);

    private Bitrix24Client Client(FactoryHttp http, int maxRetries = 8) => Client(http, _portal.WebhookUrl, maxRetries);

    private Bitrix24Client Client(RawHttpStub stub, int maxRetries = 8) => Client(_http, new Uri(stub.BaseUrl, $"rest/1/{StubPortal.Secret}/"), maxRetries);

    private static Bitrix24Client Client(FactoryHttp http, Uri webhook, int maxRetries) =>
        new(new WebhookCredentials(webhook), http.Create(), SandboxClients.Options() with { MaxRetries = maxRetries, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) });
}
