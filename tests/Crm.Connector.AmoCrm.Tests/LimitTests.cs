using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.Limits;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>amoCRM's limits (amocrm-api.md §9): 7 requests a second, 429, the IP block, the unpaid account.</summary>
public sealed class LimitTests : IDisposable
{
    private const string Pipelines = "/api/v4/leads/pipelines";
    private const string NginxPage = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    private readonly StubAccount _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task ListAsync_429WithRetryAfter_WaitsAndSucceeds()
    {
        _stub.Server.Given(Request.Create().WithPath(Pipelines).UsingGet()).InScenario("throttle").WillSetStateTo("open")
            .RespondWith(StubAccount.Problem(429, "You have sent too many requests", ""","retry_after":1""").WithHeader("Retry-After", "1"));
        _stub.Server.Given(Request.Create().WithPath(Pipelines).UsingGet()).InScenario("throttle").WhenStateIs("open")
            .RespondWith(StubAccount.Json("""{"_embedded":{"pipelines":[{"id":7,"name":"Sales","sort":1,"is_main":true}]}}"""));
        using var client = _stub.LongLived();

        var pipelines = await client.Pipelines.ListAsync();

        Assert.Equal(7, Assert.Single(pipelines).Id);
        Assert.Equal(2, _stub.Count(Pipelines));
        Assert.Equal((2, 1, 1), (client.Statistics.Requests, client.Statistics.Throttled, client.Statistics.Retries));
    }

    [Fact]
    public async Task ListAsync_RetryAfterLongerThanTheMaximumWait_RaisesRateLimitedAtOnce()
    {
        _stub.On("GET", Pipelines, StubAccount.Problem(429, "You have sent too many requests", ""","retry_after":300"""));
        using var client = _stub.LongLived();

        var error = await Assert.ThrowsAsync<AmoCrmRateLimitedException>(() => client.Pipelines.ListAsync());

        Assert.Equal(TimeSpan.FromSeconds(300), error.RetryAfter);
        Assert.Equal(1, _stub.Count(Pipelines));
    }

    [Fact]
    public async Task AnyCall_HtmlForbiddenPage_OneTypedErrorThenNoMoreRequestsUntilThePauseIsOver()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        _stub.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(403).WithHeader("Content-Type", "text/html").WithBody(NginxPage));
        var alerts = new List<string>();
        using var client = _stub.LongLived(StubAccount.FastOptions(time) with { OnBlocked = (account, _) => alerts.Add(account) });

        var first = await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => client.Pipelines.ListAsync());
        await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => client.Leads.ListAsync());
        await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => client.AccountInfo.GetAsync());
        var sentWhileBlocked = _stub.Server.LogEntries.Count;
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => client.Pipelines.ListAsync());

        Assert.Equal(1, sentWhileBlocked);
        Assert.Equal(2, _stub.Server.LogEntries.Count);
        Assert.Equal([_stub.Account.Key, _stub.Account.Key], alerts);
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero), first.BlockedUntil);
    }

    [Fact]
    public async Task AnyCall_JsonForbiddenAboutRights_IsAccessDeniedNotABlock()
    {
        _stub.On("POST", Pipelines, StubAccount.Problem(403, "Access denied: administrators only."));
        _stub.On("GET", Pipelines, StubAccount.Json("""{"_embedded":{"pipelines":[]}}"""));
        using var client = _stub.LongLived();

        await Assert.ThrowsAsync<AmoCrmAccessDeniedException>(() => client.Pipelines.AddAsync([new() { Name = "Sales" }]));
        await client.Pipelines.ListAsync();

        Assert.Equal(1, _stub.Count(Pipelines));
    }

    [Fact]
    public async Task AnyCall_402_RaisesPaymentRequired()
    {
        _stub.On("GET", Pipelines, StubAccount.Problem(402, "Payment Required"));
        using var client = _stub.LongLived();

        var error = await Assert.ThrowsAsync<AmoCrmPaymentRequiredException>(() => client.Pipelines.ListAsync());

        Assert.Equal(System.Net.HttpStatusCode.PaymentRequired, error.Status);
    }

    [Fact]
    public async Task ListAsync_ServerErrorOnARead_IsRetried()
    {
        _stub.Server.Given(Request.Create().WithPath(Pipelines).UsingGet()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(StubAccount.Problem(504, "Gateway Timeout"));
        _stub.Server.Given(Request.Create().WithPath(Pipelines).UsingGet()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(StubAccount.Json("""{"_embedded":{"pipelines":[]}}"""));
        using var client = _stub.LongLived();

        Assert.Empty(await client.Pipelines.ListAsync());
        Assert.Equal(2, _stub.Count(Pipelines));
    }

    [Fact]
    public async Task Pacing_ThirtyConcurrentRequests_NeverMoreThanSevenInAnyRollingSecondAtTheServer()
    {
        _stub.On("GET", Pipelines, StubAccount.Json("""{"_embedded":{"pipelines":[]}}"""));
        var options = new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System) };
        using var client = _stub.LongLived(options);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => Task.Run(() => client.Pipelines.ListAsync())));

        var arrivals = _stub.Server.LogEntries.Select(e => e.RequestMessage.DateTime).Order().ToList();
        Assert.Equal(30, arrivals.Count);
        var worst = arrivals.Max(start => arrivals.Count(t => t >= start && t < start.AddSeconds(1)));
        Assert.True(worst <= 7, $"{worst} requests arrived within one second");
        Assert.Equal(0, client.Statistics.Throttled);
    }
}
