using System.Net;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>Injected faults: throttling, the IP block, the unpaid account, delays, dropped answers after a write.</summary>
public sealed class FaultTests : AmoTest
{
    [Fact]
    public async Task IpBlocked_EveryRequestIs403WithAnHtmlPageUntilCleared()
    {
        Sandbox.Faults.IpBlocked = true;

        var api = await Api.GetAsync("/api/v4/account");
        var token = await Api.TokenAsync([]);
        Sandbox.Faults.IpBlocked = false;
        var after = await Api.GetAsync("/api/v4/account");

        Assert.Equal((HttpStatusCode.Forbidden, "text/html"), (api.Status, api.ContentType));
        Assert.Contains("nginx", api.Text, StringComparison.Ordinal);
        Assert.Null(api.Json);
        Assert.Equal(HttpStatusCode.Forbidden, token.Status);
        after.Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ThrottleNext_AnswersThatMany429sThenRecovers()
    {
        Sandbox.Faults.ThrottleNext(2);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await Api.GetAsync("/api/v4/account")).Status);
        }

        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK], statuses);
        Assert.Equal(2, Sandbox.Stats.Throttled);
    }

    [Fact]
    public async Task AccountUnpaid_Is402ProblemJson()
    {
        Sandbox.Faults.AccountUnpaid = true;

        var reply = await Api.GetAsync("/api/v4/leads/pipelines");

        reply.Expect(HttpStatusCode.PaymentRequired);
        Assert.Equal("application/problem+json", reply.ContentType);
    }

    [Fact]
    public async Task DropAnswerAfterWrite_TheWriteIsAppliedButTheCallerGetsNoAnswer()
    {
        var dropped = Sandbox.Faults.DropAnswerAfterWrite("POST /api/v4/leads/loss_reasons");

        await Assert.ThrowsAsync<HttpRequestException>(() => Api.PostAsync("/api/v4/leads/loss_reasons", """[{"name":"Создана молча"}]"""));
        var list = (await Api.GetAsync("/api/v4/leads/loss_reasons")).Expect(HttpStatusCode.OK);

        Assert.Equal("POST /api/v4/leads/loss_reasons", await dropped);
        Assert.Equal(["Создана молча"], list["_embedded"]!["loss_reasons"]!.Select(r => r.Value<string>("name")));
        Assert.Equal((1, 1), (Sandbox.Stats.DroppedAnswers, Sandbox.Stats.Writes));
    }

    [Fact]
    public async Task Delay_HoldsOnlyItsRoute()
    {
        Sandbox.Faults.SetDelay("GET /api/v4/account", TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Api.SendAsync(HttpMethod.Get, "/api/v4/account", cancellationToken: cancel.Token));
        var other = await Api.GetAsync("/api/v4/users");

        other.Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Stats_CountRequestsWritesAndRoutes()
    {
        await Api.PostAsync("/api/v4/leads/loss_reasons", """[{"name":"A"}]""");
        await Api.GetAsync("/api/v4/leads/loss_reasons");
        await Api.GetAsync("/api/v4/leads/loss_reasons");

        var stats = (await Api.SendAsync(HttpMethod.Get, "/_sandbox/stats", token: "")).Expect(HttpStatusCode.OK);

        Assert.Equal(2, Sandbox.Stats.ByRoute["GET /api/v4/leads/loss_reasons"]);
        Assert.Equal(1, Sandbox.Stats.ByRoute["POST /api/v4/leads/loss_reasons"]);
        Assert.Equal((3, 1), (stats.Value<int>("requests"), stats.Value<int>("writes")));
        Sandbox.Stats.Reset();
        Assert.Equal(0, Sandbox.Stats.Requests);
    }
}
