using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Tests.Portal;
using Crm.Connector.Testing;
using Polly.CircuitBreaker;

namespace Crm.Connector.Bitrix24.Tests.Faults;

/// <summary>The circuit breaker per portal host that <c>AddBitrix24Http</c> puts in front of every request.</summary>
public sealed class CircuitBreakerTests : IDisposable
{
    private const string Get = "crm.deal.get";

    private readonly FakeTimeProvider _time = new();
    private readonly StubPortal _failing = new();
    private readonly StubPortal _healthy = new();
    private readonly FactoryHttp _http;

    public CircuitBreakerTests()
    {
        _http = new FactoryHttp(
            o =>
            {
                o.MinimumThroughput = 2;
                o.FailureRatio = 0.5;
                o.BreakDuration = TimeSpan.FromSeconds(30);
            },
            _time);
        _failing.OnWebhook(Get, StubPortal.Json("""{"error":"INTERNAL_SERVER_ERROR","error_description":"down"}""", 500));
        _healthy.OnWebhook(Get, StubPortal.Json("""{"result":{"ID":"7","TITLE":"fine"}}"""));
    }

    public void Dispose()
    {
        _http.Dispose();
        _failing.Dispose();
        _healthy.Dispose();
    }

    [Fact]
    public async Task FailingHost_OnceOpen_IsATypedTransportErrorAndNothingIsSent()
    {
        using var client = Client(_failing);
        await Assert.ThrowsAsync<Bitrix24ServerException>(() => client.Crm.Deals.GetAsync(7));
        var sentBeforeOpen = _failing.Count(StubPortal.WebhookPath(Get));

        var error = await Assert.ThrowsAsync<Bitrix24CircuitOpenException>(() => client.Crm.Deals.GetAsync(7));

        Assert.Equal(2, sentBeforeOpen);
        Assert.Equal(2, _failing.Count(StubPortal.WebhookPath(Get)));
        Assert.False(error.MayHaveRun);
        Assert.False(error.IsTransient);
        Assert.IsType<BrokenCircuitException>(error.InnerException, exactMatch: false);
        Assert.Contains(_failing.BaseUrl.Authority, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingHost_OpenCircuit_DoesNotStopOtherHosts()
    {
        using var failing = Client(_failing);
        using var healthy = Client(_healthy);
        await Assert.ThrowsAsync<Bitrix24ServerException>(() => failing.Crm.Deals.GetAsync(7));
        await Assert.ThrowsAsync<Bitrix24CircuitOpenException>(() => failing.Crm.Deals.GetAsync(7));

        var deal = await healthy.Crm.Deals.GetAsync(7);

        Assert.Equal("fine", deal.Value<string>("TITLE"));
    }

    [Fact]
    public async Task FailingHost_AfterTheBreak_GetsATrialRequestThatClosesTheCircuit()
    {
        using var client = Client(_failing);
        await Assert.ThrowsAsync<Bitrix24ServerException>(() => client.Crm.Deals.GetAsync(7));
        await Assert.ThrowsAsync<Bitrix24CircuitOpenException>(() => client.Crm.Deals.GetAsync(7));
        _failing.Server.ResetMappings();
        _failing.OnWebhook(Get, StubPortal.Json("""{"result":{"ID":"7","TITLE":"back"}}"""));

        _time.Advance(TimeSpan.FromSeconds(31));
        var deal = await client.Crm.Deals.GetAsync(7);

        Assert.Equal("back", deal.Value<string>("TITLE"));
        Assert.Equal(3, _failing.Count(StubPortal.WebhookPath(Get)));
    }

    /// <summary>One retry of its own for reads (the least the client allows), with no real waiting.</summary>
    private Bitrix24Client Client(StubPortal portal) =>
        new(new WebhookCredentials(portal.WebhookUrl), _http.Create(), SandboxClients.Options() with { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(1) });
}
