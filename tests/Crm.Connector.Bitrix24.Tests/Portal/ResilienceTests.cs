using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>Rate limits, faults and address changes (bitrix24-rest.md §12, §2.5) against a sandbox that injects them.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task PacedClient_UnderThePortalsLimit_NeverSeesA503()
    {
        // The portal and the client share a clock that moves only while no request is out: a slow test host cannot
        // bunch requests up on their way, so a 503 here is the pacing's fault and nothing else's.
        var time = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 5, DrainPerSecond = 20, TimeProvider = time });
        using var client = SandboxClients.Webhook(sandbox, SandboxClients.Options(time) with { RateLimit = new RateLimit(5, 20) });

        await PortalClock.DriveAsync(time, client, Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ProfileAsync())), TimeSpan.FromMilliseconds(50));

        Assert.Equal(0, sandbox.Stats.QueryLimitExceeded);
        Assert.Equal(40, sandbox.Stats.Requests);
    }

    [Fact]
    public async Task BusyPortal_BucketFilledByAnotherApp_HundredCallsAtOnceMeetOne503()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { TimeProvider = time });
        var deals = sandbox.SeedDeals(100);
        var othersRefused = await FillBucketAsync(sandbox, 60);
        sandbox.ResetStats();
        using var client = SandboxClients.Webhook(sandbox, SandboxClients.Options(time));

        var fetched = await PortalClock.DriveAsync(time, client, Task.WhenAll(deals.Select(id => client.Crm.Deals.GetAsync(id))), TimeSpan.FromSeconds(1));

        Assert.Equal(10, othersRefused);
        Assert.Equal(deals, fetched.Select(d => d.Value<int>("ID")));

        // One request alone finds the bucket full; the rest wait for the drain (more 503s: requests left before its answer).
        Assert.Equal(1, sandbox.Stats.QueryLimitExceeded);
        Assert.Equal(101, sandbox.Stats.Requests);
    }

    /// <summary>Another app on the portal (bitrix24-rest.md §12.1: the budget is shared) sends <paramref name="requests"/> at once, unpaced; returns its 503s.</summary>
    private static async Task<int> FillBucketAsync(Bitrix24Sandbox sandbox, int requests)
    {
        using var http = new HttpClient();
        var answers = await Task.WhenAll(Enumerable.Range(0, requests).Select(_ => http.PostAsync(new Uri(sandbox.WebhookUrl, "profile.json"), null)));
        var refused = answers.Count(a => a.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable);
        foreach (var answer in answers)
        {
            answer.Dispose();
        }

        return refused;
    }

    [Fact]
    public async Task QueryLimitStorm_FromSomeoneElseSpendingTheBudget_EveryCallStillSucceeds()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Burst = 5, DrainPerSecond = 20 });

        // The client believes it has far more room than the portal gives (another app shares the budget).
        using var client = SandboxClients.Webhook(sandbox, SandboxClients.Options() with { RateLimit = new RateLimit(200, 200), MaxRetries = 20 });

        var profiles = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.ProfileAsync()));

        Assert.Equal(40, profiles.Length);
        Assert.True(sandbox.Stats.QueryLimitExceeded > 0, "the storm never happened");
        Assert.Equal(sandbox.Stats.QueryLimitExceeded, client.Statistics.QueryLimitAnswers);
    }

    [Fact]
    public async Task OperationTimeLimit_BlockedMethod_WaitsUntilTheWindowMovesThenSucceeds()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { TimeProvider = time, OperatingTimeLimit = TimeSpan.FromSeconds(1) });
        using var client = SandboxClients.Webhook(sandbox, SandboxClients.Options(time));
        await SpendOperatingTimeAsync(sandbox, client);

        var blocked = client.CallAsync("crm.deal.fields");
        await WaitUntilAsync(() => sandbox.Stats.OperationTimeLimit > 0 && time.PendingTimers > 0);
        var waitedWhileBlocked = !blocked.IsCompleted;
        time.Advance(TimeSpan.FromMinutes(11));
        var response = await blocked;

        Assert.True(waitedWhileBlocked, "the call did not wait for the window");
        Assert.NotNull(response.Result);
        Assert.Equal(1, sandbox.Stats.OperationTimeLimit);
    }

    [Fact]
    public async Task OperationTimeLimit_ResetFurtherAwayThanTheClientWaits_IsRaisedWithTheResetTime()
    {
        var time = new FakeTimeProvider();
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { TimeProvider = time, OperatingTimeLimit = TimeSpan.FromSeconds(1) });
        using var client = SandboxClients.Webhook(sandbox, SandboxClients.Options(time) with { MaxOperatingWait = TimeSpan.FromMinutes(1) });
        await SpendOperatingTimeAsync(sandbox, client);

        var error = await Assert.ThrowsAsync<Bitrix24OperationTimeLimitException>(() => client.CallAsync("crm.deal.fields"));

        Assert.True(error.ResetAt > time.GetUtcNow().AddMinutes(1), $"reset at {error.ResetAt}");
        Assert.Equal(1, sandbox.Stats.OperationTimeLimit);
    }

    /// <summary>Calls crm.deal.fields until the portal has charged it more than its 1 s budget (latency counts).</summary>
    private static async Task SpendOperatingTimeAsync(Bitrix24Sandbox sandbox, Bitrix24Client client)
    {
        sandbox.Faults.Latency = TimeSpan.FromMilliseconds(300);
        for (var i = 0; i < 4; i++)
        {
            await client.CallAsync("crm.deal.fields");
        }

        sandbox.Faults.Latency = TimeSpan.Zero;
        Assert.Equal(0, sandbox.Stats.OperationTimeLimit);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, cancellation.Token);
        }
    }

    [Fact]
    public async Task DroppedConnections_OnReads_AreRetriedUntilTheyGoThrough()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync();
        using var client = SandboxClients.Webhook(sandbox);
        var dealId = await client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Обрыв" });
        sandbox.Faults.DropBeforeRate = 0.3;
        sandbox.Faults.DropAfterRate = 0.2;

        var deals = new List<JObject>();
        for (var i = 0; i < 30; i++)
        {
            deals.Add(await client.Crm.Deals.GetAsync(dealId));
        }

        Assert.All(deals, d => Assert.Equal("Обрыв", d.Value<string>("TITLE")));
        Assert.True(sandbox.Stats.DroppedConnections > 0, "no connection was dropped");
    }

    [Fact]
    public async Task DroppedAfterRunning_ACreatingCall_IsReportedAndNeverSentAgain()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync();
        using var client = SandboxClients.Webhook(sandbox);
        sandbox.Faults.DropAfterRate = 1;

        var error = await Assert.ThrowsAsync<Bitrix24TransportException>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Один раз" }));
        sandbox.Faults.DropAfterRate = 0;
        var created = await client.Crm.Deals.ListAsync(new JObject { ["TITLE"] = "Один раз" }).CountAsync();

        Assert.True(error.MayHaveRun);
        Assert.False(error.IsTransient);
        Assert.Equal(1, sandbox.Stats.Methods["crm.deal.add"]);
        Assert.Equal(1, created);
    }

    [Fact]
    public async Task ServerError_OnACreatingCall_IsNotRepeatedButOnAReadItIs()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync();
        using var client = SandboxClients.Webhook(sandbox);
        var dealId = await client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "500" });
        sandbox.Faults.ErrorRate = 1;

        await Assert.ThrowsAsync<Bitrix24ServerException>(() => client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "не создавать" }));
        var addsAfterFault = sandbox.Stats.Requests;
        sandbox.Faults.ErrorRate = 0.5;
        var deal = await client.Crm.Deals.GetAsync(dealId);

        Assert.Equal(2, addsAfterFault);
        Assert.Equal("500", deal.Value<string>("TITLE"));
    }

    [Fact]
    public async Task DomainChange_302_IsFollowedWithTheSamePostAndReported()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync();
        using var client = SandboxClients.Webhook(sandbox);
        string? newDomain = null;
        client.EndpointMoved += (_, e) => newDomain = e.NewDomain;
        sandbox.ChangeDomain();

        var dealId = await client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "После переезда" });
        var deal = await client.Crm.Deals.GetAsync(dealId);

        Assert.Equal("После переезда", deal.Value<string>("TITLE"));
        Assert.Equal(sandbox.AlternateBaseUrl.Authority, newDomain);
        Assert.Equal(1, sandbox.Stats.Redirects);
        Assert.Equal(1, client.Statistics.Redirects);
    }

    [Fact]
    public async Task DomainChange_ForAnInstallation_IsRememberedInTheTokenStore()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync();
        var (client, store) = await SandboxClients.InstallAsync(sandbox);
        using var _ = client;
        sandbox.ChangeDomain();

        await client.ProfileAsync();
        var tokens = await store.GetAsync(sandbox.App.MemberId);

        Assert.Equal(sandbox.AlternateBaseUrl.Authority, tokens!.ClientEndpoint.Authority);
    }
}
