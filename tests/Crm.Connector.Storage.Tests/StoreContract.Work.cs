using System.Collections.Concurrent;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Jobs;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Tests;

/// <summary>Inbox and scheduled jobs: accepted once, claimed once, retried and given up as documented.</summary>
public abstract partial class StoreContract
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    [StoreFact]
    public async Task Inbox_SameKeyTwice_SecondIsADuplicate()
    {
        Assert.True(await Store.Inbox.TryAcceptAsync(Event("k1", 42)));
        Assert.False(await Store.Inbox.TryAcceptAsync(Event("k1", 42)));

        var claimed = Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Assert.Equal(("event", "deal", 42L, 1), (claimed.Kind, claimed.Entity, claimed.ItemId, claimed.Attempts));
        Assert.Equal("ONCRMDEALUPDATE", claimed.Payload.Value<string>("event"));
    }

    [StoreFact]
    public async Task Inbox_CopiesStoredOutOfTheirArrivalOrder_TheLaterStoredIsStillADuplicate()
    {
        // Two copies arriving at once: the one stamped first may reach the database second. Its earlier stamp must not
        // make the waiting item look claimed (a claim moves visible_at past every arrival stamp).
        var first = Event("k1", 42);
        Assert.True(await Store.Inbox.TryAcceptAsync(first));
        Assert.False(await Store.Inbox.TryAcceptAsync(first with { ReceivedAt = first.ReceivedAt - TimeSpan.FromMilliseconds(5) }));
        Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease));
    }

    [StoreFact]
    public async Task Inbox_SameKeyAfterTheFirstWasDone_IsOpenedAgain_ButNotWhileWaitingOrFailed()
    {
        await Store.Inbox.TryAcceptAsync(Event("done", 1));
        await Store.Inbox.TryAcceptAsync(Event("failed", 2));
        var claimed = await Store.Inbox.ClaimAsync(Member, 10, Lease);
        await Store.Inbox.CompleteAsync([claimed.Single(c => c.Key == "done")]);
        await Store.Inbox.ReleaseAsync([claimed.Single(c => c.Key == "failed").Id], "no", TimeSpan.Zero, maxAttempts: 1);

        Assert.True(await Store.Inbox.TryAcceptAsync(Event("done", 1)));
        Assert.False(await Store.Inbox.TryAcceptAsync(Event("done", 1)));
        Assert.False(await Store.Inbox.TryAcceptAsync(Event("failed", 2)));
        var again = Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Assert.Equal(("done", 1, InboxStatus.Pending), (again.Key, again.Attempts, again.Status));
    }

    [StoreFact]
    public async Task Inbox_DeliveredAgainWhileBeingWorkedOn_StaysPendingAfterTheWorkAndIsClaimedAgain()
    {
        await Store.Inbox.TryAcceptAsync(Event("k1", 1));
        var claimed = await Store.Inbox.ClaimAsync(Member, 10, Lease);

        Assert.True(await Store.Inbox.TryAcceptAsync(Event("k1", 1)), "a delivery during the work was taken for a duplicate");
        await Store.Inbox.CompleteAsync(claimed);

        var again = Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Assert.Equal("k1", again.Key);
        await Store.Inbox.CompleteAsync([again]);
        var counts = await Store.Inbox.CountAsync(Member);
        Assert.Equal((1, 0), (counts.GetValueOrDefault(InboxStatus.Done), counts.GetValueOrDefault(InboxStatus.Pending)));
    }

    [StoreFact]
    public async Task Inbox_FourWorkersInTwoInstances_ClaimEveryItemExactlyOnce()
    {
        for (var i = 0; i < 200; i++)
        {
            await Store.Inbox.TryAcceptAsync(Event($"k{i}", i));
        }

        var other = await OpenAsync();
        var seen = new ConcurrentBag<long>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? Store : other;
            while (await store.Inbox.ClaimAsync(Member, 7, Lease) is { Count: > 0 } batch)
            {
                foreach (var item in batch)
                {
                    seen.Add(item.Id);
                }
            }
        })));

        Assert.Equal(200, seen.Count);
        Assert.Equal(200, seen.Distinct().Count());
    }

    [StoreFact]
    public async Task Inbox_LeaseRunsOut_TheItemIsClaimedAgainWithTheAttemptCounted()
    {
        await Store.Inbox.TryAcceptAsync(Event("k1", 1));
        Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Assert.Empty(await Store.Inbox.ClaimAsync(Member, 10, Lease));

        Time.Advance(Lease + TimeSpan.FromSeconds(1));

        Assert.Equal(2, Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease)).Attempts);
    }

    [StoreFact]
    public async Task Inbox_Released_ComesBackAfterTheRetryDelay_AndFailsAtTheLastAttempt()
    {
        await Store.Inbox.TryAcceptAsync(Event("k1", 1));
        var id = Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease)).Id;

        await Store.Inbox.ReleaseAsync([id], "portal said no", TimeSpan.FromSeconds(30), maxAttempts: 2);
        Assert.Empty(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Time.Advance(TimeSpan.FromSeconds(31));
        Assert.Single(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        await Store.Inbox.ReleaseAsync([id], "still no", TimeSpan.FromSeconds(30), maxAttempts: 2);

        var item = await Store.Inbox.GetAsync(id);
        Assert.Equal((InboxStatus.Failed, "still no"), (item!.Status, item.Error));
        Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Assert.Equal(1, (await Store.Inbox.CountAsync(Member)).GetValueOrDefault(InboxStatus.Failed));
    }

    [StoreFact]
    public async Task Inbox_CompletedItems_StopCountingAsPending_AndPruneFreesTheirKeys()
    {
        await Store.Inbox.TryAcceptAsync(Event("k1", 1));
        await Store.Inbox.TryAcceptAsync(Event("k2", 2) with { MemberId = "other" });
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([Member, "other"], await Store.Inbox.PortalsWithPendingAsync(Time.GetUtcNow()));

        var claimed = await Store.Inbox.ClaimAsync(Member, 10, Lease);
        await Store.Inbox.CompleteAsync(claimed);

        Assert.Equal(["other"], await Store.Inbox.PortalsWithPendingAsync(Time.GetUtcNow()));
        Assert.Equal(1, (await Store.Inbox.CountAsync(Member)).GetValueOrDefault(InboxStatus.Done));
        Assert.Equal(1, await Store.Inbox.PruneAsync(Time.GetUtcNow()));
        Assert.True(await Store.Inbox.TryAcceptAsync(Event("k1", 1)));
    }

    [StoreFact]
    public async Task Inbox_ClosedAtUninstall_NothingOfThatPortalWaitsAnyMore_EvenWhatAWorkerHolds()
    {
        await Store.Inbox.TryAcceptAsync(Event("held", 1));
        await Store.Inbox.TryAcceptAsync(Event("retrying", 2));
        await Store.Inbox.TryAcceptAsync(Event("done", 3));
        var claimed = await Store.Inbox.ClaimAsync(Member, 10, Lease);
        await Store.Inbox.ReleaseAsync([claimed.Single(c => c.Key == "retrying").Id], "portal said no", TimeSpan.FromSeconds(30), maxAttempts: 5);
        await Store.Inbox.CompleteAsync([claimed.Single(c => c.Key == "done")]);
        await Store.Inbox.TryAcceptAsync(Event("waiting", 4));
        await Store.Inbox.TryAcceptAsync(Event("another portal's", 5) with { MemberId = "other" });

        var closed = await Store.Inbox.CloseAsync(Member, "the app was uninstalled");

        Assert.Equal(3, closed);
        var counts = await Store.Inbox.CountAsync(Member);
        Assert.Equal((0, 4, 0), (counts.GetValueOrDefault(InboxStatus.Pending), counts.GetValueOrDefault(InboxStatus.Done), counts.GetValueOrDefault(InboxStatus.Failed)));
        var waiting = await Store.Inbox.GetAsync(Convert.ToInt64(await RawScalarAsync("SELECT id FROM inbox WHERE key = 'waiting'"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(("waiting", InboxStatus.Done, "the app was uninstalled"), (waiting!.Key, waiting.Status, waiting.Error));

        // The worker that held an item gives it back after a failure: it stays closed, and nothing comes due again.
        await Store.Inbox.ReleaseAsync([claimed.Single(c => c.Key == "held").Id], "portal said no", TimeSpan.Zero, maxAttempts: 5);
        Time.Advance(Lease + TimeSpan.FromMinutes(1));
        Assert.Empty(await Store.Inbox.ClaimAsync(Member, 10, Lease));
        Assert.Equal(["other"], await Store.Inbox.PortalsWithPendingAsync(Time.GetUtcNow()));
        Assert.Equal(InboxStatus.Done, (await Store.Inbox.GetAsync(claimed.Single(c => c.Key == "held").Id))!.Status);
    }

    [StoreFact]
    public async Task Jobs_ScheduledTwiceWithOneKey_AreOneJob()
    {
        var first = await Store.Jobs.ScheduleAsync(Job("lead:7:escalate", TimeSpan.FromHours(2)));
        var second = await Store.Jobs.ScheduleAsync(Job("lead:7:escalate", TimeSpan.FromHours(5)));

        Assert.Equal(first, second);
        Assert.Equal(Time.GetUtcNow().AddHours(2), (await Store.Jobs.GetAsync(first))!.DueAt);
    }

    [StoreFact]
    public async Task Jobs_OnlyDueOnesAreClaimed_OldestFirst()
    {
        await Store.Jobs.ScheduleAsync(Job("late", TimeSpan.FromHours(2)));
        await Store.Jobs.ScheduleAsync(Job("second", TimeSpan.FromMinutes(10)));
        await Store.Jobs.ScheduleAsync(Job("first", TimeSpan.FromMinutes(5)));

        Assert.Empty(await Store.Jobs.ClaimDueAsync(Time.GetUtcNow(), 10, Lease));
        var due = await Store.Jobs.ClaimDueAsync(Time.GetUtcNow().AddMinutes(30), 10, Lease);

        Assert.Equal(["first", "second"], due.Select(j => j.Key));
        Assert.All(due, j => Assert.Equal(1, j.Attempts));
        Assert.Equal(Member, due[0].MemberId);
        Assert.Equal(7, due[0].Payload.Value<int>("item"));
    }

    [StoreFact]
    public async Task Jobs_ClaimedByKind_LeaveOtherKindsForTheirOwnRunner()
    {
        await Store.Jobs.ScheduleAsync(Job("check-1", TimeSpan.Zero));
        await Store.Jobs.ScheduleAsync(Job("onec-1", TimeSpan.Zero) with { Kind = "onec.invoice" });

        var onec = Assert.Single(await Store.Jobs.ClaimDueAsync(Time.GetUtcNow(), 10, Lease, ["onec.invoice"]));
        Assert.Equal("onec-1", onec.Key);
        Assert.Empty(await Store.Jobs.ClaimDueAsync(Time.GetUtcNow(), 10, Lease, []));
        Assert.Equal("check-1", Assert.Single(await Store.Jobs.ClaimDueAsync(Time.GetUtcNow(), 10, Lease, ["check", "other"])).Key);
    }

    [StoreFact]
    public async Task Jobs_ClaimedConcurrentlyByTwoInstances_EachJobOnce()
    {
        for (var i = 0; i < 100; i++)
        {
            await Store.Jobs.ScheduleAsync(Job($"j{i}", TimeSpan.FromSeconds(i)));
        }

        var other = await OpenAsync();
        var seen = new ConcurrentBag<long>();
        var at = Time.GetUtcNow().AddHours(1);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var store = w % 2 == 0 ? Store : other;
            while (await store.Jobs.ClaimDueAsync(at, 5, Lease) is { Count: > 0 } batch)
            {
                foreach (var job in batch)
                {
                    seen.Add(job.Id);
                }
            }
        })));

        Assert.Equal(100, seen.Count);
        Assert.Equal(100, seen.Distinct().Count());
    }

    [StoreFact]
    public async Task Jobs_RetriedCompletedCancelled_FollowTheirStatus()
    {
        var retried = await Store.Jobs.ScheduleAsync(Job("retried", TimeSpan.Zero));
        var done = await Store.Jobs.ScheduleAsync(Job("done", TimeSpan.Zero));
        await Store.Jobs.ScheduleAsync(Job("deal:5:callback:a", TimeSpan.FromDays(10)));
        await Store.Jobs.ScheduleAsync(Job("deal:5:callback:b", TimeSpan.FromDays(20)));
        Assert.Equal(2, (await Store.Jobs.ClaimDueAsync(Time.GetUtcNow(), 10, Lease)).Count);

        await Store.Jobs.CompleteAsync(done);
        await Store.Jobs.RetryAsync(retried, "timeout", Time.GetUtcNow().AddMinutes(1), maxAttempts: 2);
        var cancelled = await Store.Jobs.CancelAsync(Member, "deal:5:callback:");

        Assert.Equal(2, cancelled);
        Assert.Equal(JobStatus.Done, (await Store.Jobs.GetAsync(done))!.Status);
        Assert.Equal(JobStatus.Cancelled, (await Store.Jobs.FindAsync("deal:5:callback:a"))!.Status);
        Time.Advance(TimeSpan.FromMinutes(2));
        var again = Assert.Single(await Store.Jobs.ClaimDueAsync(Time.GetUtcNow().AddDays(30), 10, Lease));
        Assert.Equal(("retried", 2), (again.Key, again.Attempts));
        await Store.Jobs.RetryAsync(retried, "timeout again", Time.GetUtcNow().AddMinutes(1), maxAttempts: 2);
        Assert.Equal((JobStatus.Failed, "timeout again"), ((await Store.Jobs.GetAsync(retried))!.Status, (await Store.Jobs.GetAsync(retried))!.Error));
    }

    private InboxItem Event(string key, long item) => new()
    {
        Key = key,
        MemberId = Member,
        Kind = "event",
        Entity = "deal",
        ItemId = item,
        Payload = new JObject { ["event"] = "ONCRMDEALUPDATE" },
        ReceivedAt = Time.GetUtcNow(),
    };

    private ScheduledJob Job(string key, TimeSpan dueIn) => new()
    {
        Key = key,
        MemberId = Member,
        Kind = "check",
        DueAt = Time.GetUtcNow() + dueIn,
        Payload = new JObject { ["item"] = 7 },
    };
}
