using Crm.Connector.Installer;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Snapshots;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Tests;

/// <summary>Queues, ledgers, snapshots, audit and the shared request budget.</summary>
public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Queue_DequeuedMessage_IsInvisibleUntilItsTimeoutAndComesBackCounted()
    {
        await Store.Queues.EnqueueAsync("crm-work", "{\"kind\":\"drain\"}");

        var first = Assert.Single(await Store.Queues.DequeueAsync("crm-work", 10, TimeSpan.FromSeconds(30)));
        Assert.Empty(await Store.Queues.DequeueAsync("crm-work", 10, TimeSpan.FromSeconds(30)));
        Time.Advance(TimeSpan.FromSeconds(31));
        var second = Assert.Single(await Store.Queues.DequeueAsync("crm-work", 10, TimeSpan.FromSeconds(30)));

        Assert.Equal(("{\"kind\":\"drain\"}", 1, 2), (first.Text, first.DequeueCount, second.DequeueCount));
        Assert.False(await Store.Queues.DeleteAsync(first), "a stale pop receipt deleted the message");
        Assert.True(await Store.Queues.DeleteAsync(second));
        Assert.Equal(0, await Store.Queues.CountAsync("crm-work"));
    }

    [StoreFact]
    public async Task Queue_DelayedReleasedAndPoisoned_MessagesGoWhereTheySay()
    {
        await Store.Queues.EnqueueAsync("crm-work", "later", TimeSpan.FromMinutes(1));
        await Store.Queues.EnqueueAsync("crm-work", "bad");
        await Store.Queues.EnqueueAsync("other", "elsewhere");

        var bad = Assert.Single(await Store.Queues.DequeueAsync("crm-work", 10, TimeSpan.FromSeconds(30)));
        Assert.Equal("bad", bad.Text);
        Assert.True(await Store.Queues.ReleaseAsync(bad, TimeSpan.FromSeconds(5)));
        Time.Advance(TimeSpan.FromSeconds(6));
        bad = Assert.Single(await Store.Queues.DequeueAsync("crm-work", 10, TimeSpan.FromSeconds(30)));
        Assert.True(await Store.Queues.MoveToPoisonAsync(bad, "crm-work-poison"));

        Assert.Equal(["bad"], (await Store.Queues.PeekAsync("crm-work-poison", 10)).Select(m => m.Text));
        Assert.Equal(1, await Store.Queues.CountAsync("crm-work"));
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("later", Assert.Single(await Store.Queues.DequeueAsync("crm-work", 10, TimeSpan.FromSeconds(30))).Text);
        Assert.Equal(1, await Store.Queues.CountAsync("other"));
    }

    [StoreFact]
    public async Task Ledger_SavedAndLoaded_RoundTripsPerPortalAndTemplate()
    {
        var ledger = await Store.Ledgers.LoadAsync(Member, "driving-school");
        Assert.Empty(ledger.Entries);
        ledger.Set(ResourceKey.Pipeline("sales"), new LedgerEntry { PortalId = "7", Origin = LedgerOrigin.Created, Name = "Продажи", KnownBefore = ["C7:NEW"] });
        ledger.AppAutomations.Add("lead-sla");

        await Store.Ledgers.SaveAsync(ledger);
        ledger.Set(ResourceKey.Pipeline("sales"), new LedgerEntry { PortalId = "8", Origin = LedgerOrigin.Adopted });
        await Store.Ledgers.SaveAsync(ledger);

        var read = await (await OpenAsync()).Ledgers.LoadAsync(Member, "driving-school");
        Assert.Equal(new LedgerEntry { PortalId = "8", Origin = LedgerOrigin.Adopted }, read.Get(ResourceKey.Pipeline("sales")));
        Assert.Equal(["lead-sla"], read.AppAutomations);
        Assert.Empty((await Store.Ledgers.LoadAsync(Member, "auto-dealer")).Entries);
        Assert.Empty((await Store.Ledgers.LoadAsync("other", "driving-school")).Entries);
    }

    [StoreFact]
    public async Task Snapshots_SavedManyAtOnce_AreReadBackByIdAndReplaced()
    {
        var now = Time.GetUtcNow();
        await Store.Snapshots.SaveManyAsync([
            new EntitySnapshot(Member, "deal", 1, new JObject { ["STAGE_ID"] = "NEW", ["UF_CRM_SCORE"] = 90 }, now),
            new EntitySnapshot(Member, "deal", 2, new JObject { ["STAGE_ID"] = "WON" }, now),
            new EntitySnapshot(Member, "lead", 1, new JObject { ["STATUS_ID"] = "NEW" }, now),
        ]);
        await Store.Snapshots.SaveManyAsync([new EntitySnapshot(Member, "deal", 2, new JObject { ["STAGE_ID"] = "LOSE" }, now.AddMinutes(1))]);

        var many = await Store.Snapshots.GetManyAsync(Member, "deal", [1, 2, 3]);

        Assert.Equal([1L, 2L], many.Keys.Order());
        Assert.Equal(90, many[1].Fields.Value<int>("UF_CRM_SCORE"));
        Assert.Equal(("LOSE", now.AddMinutes(1)), (many[2].Fields.Value<string>("STAGE_ID"), many[2].SeenAt));
        Assert.Equal("NEW", (await Store.Snapshots.GetAsync(Member, "lead", 1))!.Fields.Value<string>("STATUS_ID"));
        Assert.True(await Store.Snapshots.DeleteAsync(Member, "deal", 1));
        Assert.False(await Store.Snapshots.DeleteAsync(Member, "deal", 1));
        Assert.Empty(await Store.Snapshots.GetManyAsync(Member, "deal", []));
    }

    [StoreFact]
    public async Task Audit_EntryWithAKeySeenBefore_IsNotAddedTwice_AndListIsNewestFirst()
    {
        var at = Time.GetUtcNow();
        var added = await Store.Audit.AppendAsync([
            new AuditEntry { MemberId = Member, At = at, Entity = "deal", ItemId = 5, Action = "setFields", Cause = "admission-scoring: sum 430 ≥ 425", Key = "deal:5:admission:1", Detail = new JObject { ["UF_CRM_ADMITTED"] = "Y" } },
            new AuditEntry { MemberId = Member, At = at.AddSeconds(1), Entity = "deal", ItemId = 6, Action = "notify", Cause = "lead-sla" },
        ]);
        var again = await Store.Audit.AppendAsync([
            new AuditEntry { MemberId = Member, At = at.AddSeconds(2), Entity = "deal", ItemId = 5, Action = "setFields", Cause = "retry", Key = "deal:5:admission:1" },
        ]);

        Assert.Equal((2, 0), (added, again));
        Assert.True(await Store.Audit.ContainsAsync("deal:5:admission:1"));
        Assert.False(await Store.Audit.ContainsAsync("deal:5:admission:2"));
        Assert.Equal([6L, 5L], (await Store.Audit.ListAsync(Member)).Select(a => a.ItemId!.Value));
        var entry = Assert.Single(await Store.Audit.ListAsync(Member, "deal", 5));
        Assert.Equal(("admission-scoring: sum 430 ≥ 425", "Y"), (entry.Cause, entry.Detail.Value<string>("UF_CRM_ADMITTED")));
    }

    [StoreFact]
    public async Task RequestBudget_OneInstanceSpendsTheBurst_TheOtherWaitsForADrain()
    {
        var other = await OpenAsync();
        var limit = new RateLimit(Burst: 4, DrainPerSecond: 1);
        for (var i = 0; i < 4; i++)
        {
            (await Store.RequestBudget.AcquireAsync(Member, limit)).Accepted();
        }

        var next = other.RequestBudget.AcquireAsync(Member, limit).AsTask();
        await WaitForAsync(() => Time.PendingTimers == 1);
        var early = next.IsCompleted;
        Time.Advance(TimeSpan.FromSeconds(1));
        var permit = await next.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(early, "the other instance sent a fifth request into a bucket of four");
        Assert.True(permit.IsProbe, "the other instance had never heard from the portal itself");
    }

    [StoreFact]
    public async Task RequestBudget_PortalRefusedOneInstance_TheOtherWaitsForADrainToo()
    {
        var other = await OpenAsync();
        var limit = new RateLimit(Burst: 4, DrainPerSecond: 1);
        (await Store.RequestBudget.AcquireAsync(Member, limit)).Accepted();
        (await other.RequestBudget.AcquireAsync(Member, limit)).Accepted();

        // Two of four counted, but the portal answers 503: another app has filled the bucket.
        await (await Store.RequestBudget.AcquireAsync(Member, limit)).RefusedAsync();
        var next = other.RequestBudget.AcquireAsync(Member, limit).AsTask();
        await WaitForAsync(() => Time.PendingTimers == 1);
        var early = next.IsCompleted;
        Time.Advance(TimeSpan.FromSeconds(1));
        var permit = await next.WaitAsync(TimeSpan.FromSeconds(10));
        var level = Convert.ToDouble(await RawScalarAsync($"SELECT level FROM request_budgets WHERE portal_key = '{Member}'"), System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(early, "the other instance sent into a bucket the portal had just called full");
        Assert.False(permit.IsProbe, "the other instance saw no 503 of its own");
        Assert.Equal(4, level, precision: 6);
    }

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "timed out waiting for the store");
            await Task.Delay(10);
        }
    }
}
