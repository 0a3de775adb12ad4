using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The /_sandbox routes and State(): inspection and control for tests, benchmarks and curl.</summary>
public sealed class InspectionTests : SandboxTest
{
    [Fact]
    public async Task Stats_AreCamelCaseJsonWithMethodNamesAsIs()
    {
        await Rest.AddDealAsync("Счётчик");
        await Rest.WebhookAsync("crm.deal.list");

        var stats = (await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/stats"))).Body;

        Assert.Equal(2, stats.Value<int>("requests"));
        Assert.Equal(1, stats["methods"]!.Value<int>("crm.deal.add"));
        Assert.Equal(0, stats.Value<int>("queryLimitExceeded"));
        Assert.NotNull(stats["eventsDelivered"]);
    }

    [Fact]
    public async Task ResetStats_SetsCountersToZero()
    {
        await Rest.WebhookAsync("profile");

        var reset = await Rest.SendAsync(HttpMethod.Post, new Uri(Sandbox.BaseUrl, "_sandbox/reset-stats"));

        Assert.Equal(HttpStatusCode.OK, reset.Status);
        Assert.Equal(0, Sandbox.Stats.Requests);
        Assert.Empty(Sandbox.Stats.Methods);
    }

    [Fact]
    public async Task State_HoldsEverythingButTokensOnlyAsCounts()
    {
        var tokens = Sandbox.IssueTokens();
        await Rest.AddDealAsync("Состояние");
        await Rest.WebhookAsync("crm.lead.add", """{"fields":{"TITLE":"Лид"}}""");
        await Rest.WebhookAsync("crm.deal.userfield.add", """{"fields":{"FIELD_NAME":"NOTE","USER_TYPE_ID":"string"}}""");

        var reply = await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/state"));
        var state = reply.Body;
        var text = state.ToString();

        Assert.Equal(
            ["portal", "categories", "statuses", "userfields", "items", "activities", "emails", "invoices", "comments", "tasks", "notifications", "robots", "robotCalls", "eventHandlers", "placements", "offlineEvents", "users", "departments", "tokens"],
            state.Properties().Select(p => p.Name));
        Assert.Equal("Состояние", state["items"]!["deal"]![0]!.Value<string>("TITLE"));
        Assert.Equal("Лид", state["items"]!["lead"]![0]!.Value<string>("TITLE"));
        Assert.Equal("UF_CRM_NOTE", state["userfields"]!["deal"]![0]!.Value<string>("FIELD_NAME"));
        Assert.Equal(1, state["tokens"]!.Value<int>("accessTokens"));
        Assert.DoesNotContain(tokens.AccessToken, text, StringComparison.Ordinal);
        Assert.DoesNotContain(tokens.RefreshToken, text, StringComparison.Ordinal);
        Assert.True(JToken.DeepEquals(Sandbox.State()["items"], state["items"]));
    }

    [Fact]
    public async Task ExpireTokensAndChangeDomain_CanBeDrivenOverHttp()
    {
        var tokens = Sandbox.IssueTokens();

        await Rest.SendAsync(HttpMethod.Post, new Uri(Sandbox.BaseUrl, "_sandbox/expire-tokens"));
        var expired = await Rest.OAuthAsync(tokens.AccessToken, "profile");
        await Rest.SendAsync(HttpMethod.Post, new Uri(Sandbox.BaseUrl, "_sandbox/change-domain"));
        var moved = await Rest.WebhookAsync("profile");

        expired.Fails(HttpStatusCode.Unauthorized, "expired_token");
        Assert.Equal(HttpStatusCode.Found, moved.Status);
    }

    [Fact]
    public async Task PutFaults_ChangesTheLiveFaults()
    {
        var reply = await Rest.SendAsync(HttpMethod.Put, new Uri(Sandbox.BaseUrl, "_sandbox/faults"), """{"errorRate":1,"latencyMs":5,"seed":7}""");
        var call = await Rest.WebhookAsync("profile");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal((1.0, 7, TimeSpan.FromMilliseconds(5)), (Sandbox.Faults.ErrorRate, Sandbox.Faults.Seed, Sandbox.Faults.Latency));
        call.Fails(HttpStatusCode.InternalServerError, "INTERNAL_SERVER_ERROR");
    }

    [Fact]
    public async Task UnknownSandboxRoute_Is404()
    {
        var reply = await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/nothing"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
    }
}
