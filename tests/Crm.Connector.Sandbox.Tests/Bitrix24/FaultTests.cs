using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Injected faults: 500s, dropped connections before and after running (the sandbox's resilience knobs).</summary>
public sealed class FaultTests : SandboxTest
{
    [Fact]
    public async Task ErrorRate_One_Is500AndNothingRuns() // §12.4 INTERNAL_SERVER_ERROR
    {
        Sandbox.Faults.ErrorRate = 1;

        var reply = await Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"Не создавать"}}""");
        Sandbox.Faults.ErrorRate = 0;
        var deals = (await Rest.WebhookAsync("crm.deal.list")).Ok();

        reply.Fails(HttpStatusCode.InternalServerError, "INTERNAL_SERVER_ERROR");
        Assert.Empty(deals);
        Assert.Equal(1, Sandbox.Stats.InjectedErrors);
        Assert.False(Sandbox.Stats.Methods.ContainsKey("crm.deal.add"));
    }

    [Fact]
    public async Task DropBefore_ConnectionIsCutAndNothingRuns()
    {
        Sandbox.Faults.DropBeforeRate = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"Не создавать"}}"""));
        Sandbox.Faults.DropBeforeRate = 0;
        var deals = (await Rest.WebhookAsync("crm.deal.list")).Ok();

        Assert.Empty(deals);
        Assert.Equal(1, Sandbox.Stats.DroppedConnections);
    }

    [Fact]
    public async Task DropAfter_ConnectionIsCutButTheChangeIsKept()
    {
        Sandbox.Faults.DropAfterRate = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"Создана молча"}}"""));
        Sandbox.Faults.DropAfterRate = 0;
        var deals = (await Rest.WebhookAsync("crm.deal.list")).Ok();

        Assert.Equal(["Создана молча"], deals.Select(d => d.Value<string>("TITLE")));
        Assert.Equal(1, Sandbox.Stats.Methods["crm.deal.add"]);
        Assert.Equal(1, Sandbox.Stats.DroppedConnections);
    }

    [Fact]
    public async Task DropAfter_EventsOfTheChangeAreStillSent() // §4.5: the event follows the change, not the answer
    {
        await using var receiver = await HookReceiver.StartAsync();
        var app = Sandbox.IssueTokens();
        (await Rest.OAuthAsync(app.AccessToken, "event.bind", $$"""{"event":"ONCRMDEALADD","handler":"{{receiver.Url}}"}""")).Ok();
        Sandbox.Faults.DropAfterRate = 1;

        await Assert.ThrowsAsync<HttpRequestException>(() => Rest.WebhookAsync("crm.deal.add", """{"fields":{"TITLE":"x"}}"""));
        var hook = await receiver.WaitForAsync(r => r["event"] == "ONCRMDEALADD");

        Assert.NotNull(hook["data[FIELDS][ID]"]);
    }

    [Fact]
    public async Task ErrorRate_Half_FailsSomeWithTheSameSeedTheSameWay()
    {
        Sandbox.Faults.Seed = 42;
        Sandbox.Faults.ErrorRate = 0.5;
        var first = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            first.Add((await Rest.WebhookAsync("profile")).Status);
        }

        Sandbox.Faults.Seed = 42;
        var second = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            second.Add((await Rest.WebhookAsync("profile")).Status);
        }

        Assert.Contains(HttpStatusCode.InternalServerError, first);
        Assert.Contains(HttpStatusCode.OK, first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Faults_DoNotTouchTheTokenEndpointOrSandboxRoutes()
    {
        Sandbox.Faults.ErrorRate = 1;
        var tokens = Sandbox.IssueTokens();

        var refresh = await Rest.GetAsync(new Uri($"{Sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={Sandbox.App.ClientId}&client_secret={Sandbox.App.ClientSecret}&refresh_token={tokens.RefreshToken}"));
        var stats = await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats"));

        Assert.Equal(HttpStatusCode.OK, refresh.Status);
        Assert.Equal(HttpStatusCode.OK, stats.Status);
        Assert.IsType<JObject>(stats.Body);
    }
}
