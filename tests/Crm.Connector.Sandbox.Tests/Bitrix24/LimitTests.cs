using System.Net;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The leaky bucket (bitrix24-rest.md §12.1) and the per-method operating time (§12.2), on a hand-moved clock.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Bucket_FullBurst_NextRequestIs503AndRejectedOnesDoNotFill() // §12.1
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 3, DrainPerSecond = 1, TimeProvider = clock });
        var rest = new RawRest(sandbox);

        var first = await SendAsync(rest, 3);
        var refused = await SendAsync(rest, 5);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOneSecond = await SendAsync(rest, 2);
        clock.Advance(TimeSpan.FromSeconds(2));
        var afterTwoMore = await SendAsync(rest, 3);

        Assert.All(first, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(refused, r => r.Fails(HttpStatusCode.ServiceUnavailable, "QUERY_LIMIT_EXCEEDED"));
        Assert.Equal("Too many requests", refused[0].Description);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], afterOneSecond.Select(r => r.Status));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], afterTwoMore.Select(r => r.Status));
        Assert.Equal(7, sandbox.Stats.QueryLimitExceeded);
    }

    [Theory]
    [InlineData("professional", 50)]
    [InlineData("enterprise", 250)]
    public async Task Bucket_PlanDefaults_AreTheDocumentedBursts(string plan, int burst) // §12.1: 50/2, enterprise 250/5
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = plan, TimeProvider = clock });
        var rest = new RawRest(sandbox);

        var within = await SendAsync(rest, burst);
        var over = await SendAsync(rest, 1);

        Assert.All(within, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        over[0].Fails(HttpStatusCode.ServiceUnavailable, "QUERY_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task Bucket_ABatchOfTenCommands_CountsAsOneRequest() // §10, §12.1
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 2, DrainPerSecond = 1, TimeProvider = clock });
        var rest = new RawRest(sandbox);

        var batch = await rest.WebhookAsync("batch", """{"cmd":{"a":"profile","b":"profile","c":"profile","d":"profile","e":"profile","f":"profile","g":"profile","h":"profile","i":"profile","j":"profile"}}""");
        var second = await SendAsync(rest, 2);

        Assert.Equal(10, ((Newtonsoft.Json.Linq.JObject)batch.Ok()["result"]!).Count);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], second.Select(r => r.Status));
    }

    [Fact]
    public async Task Bucket_TokenEndpointAndSandboxRoutes_AreNotLimited() // §12.1 applies to REST only
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 1, DrainPerSecond = 1, TimeProvider = clock });
        var rest = new RawRest(sandbox);
        await SendAsync(rest, 1);

        var stats = await rest.GetAsync(new Uri(sandbox.BaseUrl, "_sandbox/stats"));
        var tokens = sandbox.IssueTokens();
        var refresh = await rest.GetAsync(new Uri($"{sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={sandbox.App.ClientId}&client_secret={sandbox.App.ClientSecret}&refresh_token={tokens.RefreshToken}"));

        Assert.Equal(HttpStatusCode.OK, stats.Status);
        Assert.Equal(HttpStatusCode.OK, refresh.Status);
    }

    [Fact]
    public async Task OperatingTime_OverTheLimit_MethodIs429UntilTheWindowMoves() // §12.2
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 1000, OperatingTimeLimit = TimeSpan.FromMilliseconds(100), TimeProvider = clock });
        var rest = new RawRest(sandbox);

        // The injected latency is what each call costs (the portal clock stands still).
        sandbox.Faults.Latency = TimeSpan.FromMilliseconds(30);

        var allowed = await SendAsync(rest, 4);
        var blocked = (await SendAsync(rest, 1))[0];
        var other = await rest.WebhookAsync("crm.deal.list");
        sandbox.Faults.Latency = TimeSpan.Zero;
        clock.Advance(TimeSpan.FromMinutes(10));
        var again = (await SendAsync(rest, 1))[0];

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(0.12, allowed[^1].Body["time"]!.Value<double>("operating"), 3);
        blocked.Fails((HttpStatusCode)429, "OPERATION_TIME_LIMIT");
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 10, 0, TimeSpan.Zero).ToUnixTimeSeconds(), blocked.Body["time"]!.Value<long>("operating_reset_at"));
        other.Ok();
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, sandbox.Stats.OperationTimeLimit);
    }

    [Fact]
    public async Task OperatingTime_InsideABatch_IsChargedToEachCommandsMethod() // §12.2: batch commands count, the batch does not
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 1000, OperatingTimeLimit = TimeSpan.FromMilliseconds(100), TimeProvider = clock });
        var rest = new RawRest(sandbox);
        sandbox.Faults.Latency = TimeSpan.FromMilliseconds(60);
        await SendAsync(rest, 2);
        sandbox.Faults.Latency = TimeSpan.Zero;

        var result = (await rest.WebhookAsync("batch", """{"cmd":{"p":"profile","d":"crm.deal.list"}}""")).Ok();

        Assert.Equal("OPERATION_TIME_LIMIT", result["result_error"]!["p"]!.Value<string>("error"));
        Assert.NotNull(result["result"]!["d"]);
    }

    private static async Task<List<RestReply>> SendAsync(RawRest rest, int count)
    {
        var replies = new List<RestReply>();
        for (var i = 0; i < count; i++)
        {
            replies.Add(await rest.WebhookAsync("profile"));
        }

        return replies;
    }
}
