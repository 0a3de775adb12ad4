using System.Collections.Concurrent;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Leases;
using Crm.Connector.Storage.Snapshots;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Tests;

/// <summary>The outbox (a claim's decisions committed at once, effects confirmed or retried) and leases (one holder at a time).</summary>
public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Outbox_Commit_SavesSnapshotsEffectsJobsAuditAndCompletesTheInbox_AllAtOnce()
    {
        await Store.Inbox.TryAcceptAsync(Event("k1", 7));
        var claimed = await Store.Inbox.ClaimAsync(Member, 10, Lease);

        await Store.Outbox.CommitAsync(new WorkCommit
        {
            MemberId = Member,
            Snapshots = [new EntitySnapshot(Member, "deal", 7, new JObject { ["TITLE"] = "A" }, Time.GetUtcNow())],
            Effects = [NewEffect("e1"), NewEffect("e2")],
            Audit = [new AuditEntry { MemberId = Member, At = Time.GetUtcNow(), Action = "evaluate", Cause = "nothing to write", Key = "a1" }],
            ScheduleJobs = [new ScheduledJob { Key = "j1", MemberId = Member, Kind = "check", DueAt = Time.GetUtcNow(), Payload = [] }],
            Completed = claimed,
        });

        Assert.Equal("A", (await Store.Snapshots.GetAsync(Member, "deal", 7))!.Fields.Value<string>("TITLE"));
        Assert.Equal(["e1", "e2"], (await Store.Outbox.DueAsync(Member, 10)).Select(e => e.Key));
        Assert.Equal(JobStatus.Scheduled, (await Store.Jobs.FindAsync("j1"))!.Status);
        Assert.True(await Store.Audit.ContainsAsync("a1"));
        Assert.Equal(1, (await Store.Inbox.CountAsync(Member)).GetValueOrDefault(Inbox.InboxStatus.Done));
        Assert.Equal(new HashSet<string> { "e1", "a1" }, await Store.Outbox.KnownAsync(["e1", "a1", "nope"]));
    }

    [StoreFact]
    public async Task Outbox_CommitUnderALeaseAnotherInstanceTookOver_IsRefusedAndChangesNothing()
    {
        await Store.Leases.TryAcquireAsync("work:p", "first", TimeSpan.FromSeconds(30));
        await Store.Inbox.TryAcceptAsync(Event("k1", 7));
        var claimed = await Store.Inbox.ClaimAsync(Member, 10, Lease);
        Time.Advance(TimeSpan.FromSeconds(31));
        var other = await OpenAsync();
        Assert.Equal(LeaseResult.Acquired, await other.Leases.TryAcquireAsync("work:p", "second", TimeSpan.FromSeconds(30)));

        await Assert.ThrowsAsync<LeaseLostException>(() => Store.Outbox.CommitAsync(new WorkCommit
        {
            MemberId = Member,
            Effects = [NewEffect("e1")],
            Completed = claimed,
            Fence = new WorkFence("work:p", "first", TimeSpan.FromSeconds(30)),
        }));

        Assert.Empty(await Store.Outbox.DueAsync(Member, 10));
        Assert.Equal(0, (await Store.Inbox.CountAsync(Member)).GetValueOrDefault(Inbox.InboxStatus.Done));
    }

    [StoreFact]
    public async Task Outbox_SameEffectCommittedTwice_IsOneEffect_AndAConfirmedOneIsAuditedOnce()
    {
        await Store.Outbox.CommitAsync(new WorkCommit { MemberId = Member, Effects = [NewEffect("e1")] });
        await Store.Outbox.CommitAsync(new WorkCommit { MemberId = Member, Effects = [NewEffect("e1") with { Cause = "again" }] });

        var effect = Assert.Single(await Store.Outbox.DueAsync(Member, 10));
        Assert.Equal("because", effect.Cause);
        await Store.Outbox.ConfirmAsync([(effect, new JObject { ["id"] = 55 })]);
        await Store.Outbox.ConfirmAsync([(effect, new JObject { ["id"] = 56 })]);

        Assert.Empty(await Store.Outbox.DueAsync(Member, 10));
        var audit = Assert.Single(await Store.Audit.ListAsync(Member), a => a.Key == "e1");
        Assert.Equal(("task", 55, "x"), (audit.Action, audit.Detail.Value<int>("id"), audit.Detail.Value<string>("title")));
        Assert.Equal(EffectStatus.Done, (await Store.Outbox.GetAsync("e1"))!.Status);
    }

    [StoreFact]
    public async Task Outbox_Retried_ComesBackAfterTheDelay_AndFailsAuditedAtTheLastAttempt()
    {
        await Store.Outbox.CommitAsync(new WorkCommit { MemberId = Member, Effects = [NewEffect("e1")] });
        var effect = Assert.Single(await Store.Outbox.DueAsync(Member, 10));

        await Store.Outbox.RetryAsync([effect], "ACCESS_DENIED", TimeSpan.FromSeconds(30), maxAttempts: 2);
        Assert.Empty(await Store.Outbox.DueAsync(Member, 10));
        Time.Advance(TimeSpan.FromSeconds(31));
        effect = Assert.Single(await Store.Outbox.DueAsync(Member, 10));
        Assert.Equal((1, "ACCESS_DENIED"), (effect.Attempts, effect.Error));
        await Store.Outbox.RetryAsync([effect], "ACCESS_DENIED again", TimeSpan.FromSeconds(30), maxAttempts: 2);

        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await Store.Outbox.DueAsync(Member, 10));
        Assert.Equal(EffectStatus.Failed, (await Store.Outbox.GetAsync("e1"))!.Status);
        var audit = Assert.Single(await Store.Audit.ListAsync(Member), a => a.Key == "e1");
        Assert.Equal(("failed:task", "ACCESS_DENIED again"), (audit.Action, audit.Detail.Value<string>("error")));
    }

    [StoreFact]
    public async Task Outbox_ClosedAtUninstall_NothingOfThatPortalIsSentAnyMore()
    {
        await Store.Outbox.CommitAsync(new WorkCommit { MemberId = Member, Effects = [NewEffect("e1"), NewEffect("e2")] });

        Assert.Equal(2, await Store.Outbox.CloseAsync(Member, "uninstalled"));

        Assert.Empty(await Store.Outbox.DueAsync(Member, 10));
        Assert.Equal(2, (await Store.Outbox.CountAsync(Member)).GetValueOrDefault(EffectStatus.Failed));
    }

    [StoreFact]
    public async Task Leases_OneHolderAtATime_RenewedByItsOwner_TakenOnlyWhenItRanOutOrWasReleased()
    {
        var other = await OpenAsync();
        Assert.Equal(LeaseResult.Acquired, await Store.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(10)));
        Assert.Equal(LeaseResult.Held, await other.Leases.TryAcquireAsync("l", "b", TimeSpan.FromSeconds(10)));
        Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(LeaseResult.Renewed, await Store.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(10)));
        Time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(LeaseResult.Held, await other.Leases.TryAcquireAsync("l", "b", TimeSpan.FromSeconds(10)));

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(LeaseResult.Acquired, await other.Leases.TryAcquireAsync("l", "b", TimeSpan.FromSeconds(10)));
        Assert.Equal(LeaseResult.Held, await Store.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(10)));

        await Store.Leases.ReleaseAsync("l", "a");
        Assert.Equal(LeaseResult.Held, await Store.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(10)));
        await other.Leases.ReleaseAsync("l", "b");
        Assert.Equal(LeaseResult.Acquired, await Store.Leases.TryAcquireAsync("l", "a", TimeSpan.FromSeconds(10)));
    }

    [StoreFact]
    public async Task Leases_EightContendersInTwoInstances_ExactlyOneWins()
    {
        var other = await OpenAsync();
        var winners = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var store = i % 2 == 0 ? Store : other;
            if (await store.Leases.TryAcquireAsync("tick", $"w{i}", TimeSpan.FromMinutes(1)) == LeaseResult.Acquired)
            {
                winners.Add($"w{i}");
            }
        })));

        Assert.Single(winners);
    }

    [StoreFact]
    public async Task Inbox_ReopenClaims_GivesADeadWorkersClaimsBackAtOnce_InTheirOrder_ButNotRetries()
    {
        await Store.Inbox.TryAcceptAsync(Event("retry", 2));
        await Store.Inbox.TryAcceptAsync(Event("add", 1));
        var retry = (await Store.Inbox.ClaimAsync(Member, 1, Lease)).Single();
        await Store.Inbox.ReleaseAsync([retry.Id], "later", TimeSpan.FromMinutes(5), maxAttempts: 5);
        await Store.Inbox.ClaimAsync(Member, 10, Lease, owner: "dead");
        await Store.Inbox.TryAcceptAsync(Event("echo", 1));

        Assert.Equal(1, await Store.Inbox.ReopenClaimsAsync(Member));

        Assert.Equal(["add", "echo"], (await Store.Inbox.ClaimAsync(Member, 10, Lease, owner: "alive")).Select(i => i.Key));
    }

    private Effect NewEffect(string key) => new()
    {
        Key = key,
        MemberId = Member,
        Entity = "deal",
        ItemId = 7,
        Action = "task",
        Cause = "because",
        Detail = new JObject { ["title"] = "x" },
        Commands = [new JObject { ["method"] = "tasks.task.add" }],
        CreatedAt = Time.GetUtcNow(),
    };
}
