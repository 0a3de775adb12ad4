using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Handlers;
using Crm.Connector.Functions.Timers;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Testing;
using Microsoft.Azure.Functions.Worker;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Tests.Instances;

/// <summary>
/// Two app instances on one store fire the same timer tick, as two local hosts (or two deployments) do: exactly one
/// of them does the period's work. The clock is the test's; both instances read the same one.
/// </summary>
public sealed class TimerInstancesTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("crmc-instances-").FullName;
    private readonly FakeTimeProvider _time = new();
    private AppInstance _a = null!;
    private AppInstance _b = null!;

    public async Task InitializeAsync()
    {
        _a = await AppInstance.StartAsync(StorePath, _time);
        _b = await AppInstance.StartAsync(StorePath, _time);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string StorePath => Path.Combine(_directory, "store.db");

    [Fact]
    public async Task TimerLease_TwoInstancesOnTheSameTick_OneRunsIt()
    {
        var a = await TakeAsync(_a);
        var b = await TakeAsync(_b);

        Assert.Equal((true, false), (a, b));
        Assert.Equal(FakeTimeProvider.DefaultStart.AddMinutes(1) - TimerLease.Skew, (await _a.Store.Leases.GetAsync("timer:due-jobs"))!.Until);
    }

    [Fact]
    public async Task TimerLease_AnInstanceFiringLateForATickAlreadyRun_IsRefused()
    {
        Assert.True(await TakeAsync(_a));
        _time.Advance(TimeSpan.FromSeconds(50));

        Assert.False(await TakeAsync(_b));
    }

    [Fact]
    public async Task TimerLease_NextTickFiredALittleEarly_RunsTheNextPeriod()
    {
        Assert.True(await TakeAsync(_a));
        _time.Advance(TimeSpan.FromSeconds(59));

        Assert.True(await TakeAsync(_b));
        Assert.False(await TakeAsync(_a));
        Assert.Equal(FakeTimeProvider.DefaultStart.AddMinutes(2) - TimerLease.Skew, (await _a.Store.Leases.GetAsync("timer:due-jobs"))!.Until);
    }

    /// <summary>A host restarted within the period its dead predecessor leased still catches up at start (a past-due run).</summary>
    [Fact]
    public async Task TimerLease_PastDueRunInAPeriodAlreadyLeased_RunsAnyway()
    {
        Assert.True(await TakeAsync(_a));

        Assert.True(await TakeAsync(_b, new TimerInfo { IsPastDue = true }));
    }

    [Fact]
    public async Task Reconcile_TwoInstancesFireTheSameTick_OneQueuesASweepPerActivePortalAndTheOtherNothing()
    {
        foreach (var member in new[] { "m1", "m2", "m3", "gone" })
        {
            await _a.Store.Installations.SaveAsync(Installation(member));
        }

        await _a.Store.Installations.MarkRemovedAsync("gone");

        var first = await Task.WhenAll(_a.Function<ReconcileFunction>().RunAsync(new TimerInfo(), CancellationToken.None), _b.Function<ReconcileFunction>().RunAsync(new TimerInfo(), CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(10));
        var second = await Task.WhenAll(_b.Function<ReconcileFunction>().RunAsync(new TimerInfo(), CancellationToken.None), _a.Function<ReconcileFunction>().RunAsync(new TimerInfo(), CancellationToken.None));

        foreach (var (tick, results) in new[] { (FakeTimeProvider.DefaultStart, first), (FakeTimeProvider.DefaultStart.AddMinutes(10), second) })
        {
            Assert.Single(results, r => r.Length == 0);
            var queued = Assert.Single(results, r => r.Length > 0);
            Assert.Equal([("m1", tick), ("m2", tick), ("m3", tick)], queued.Select(m => ReconcileMessage.Parse(m)!.Value));
        }
    }

    [Fact]
    public async Task DueJobs_TwoInstancesFireTheSameTick_OneQueuesTheStalledPortalsDrain()
    {
        await _a.Store.Installations.SaveAsync(Installation("m1"));
        await _a.Store.Inbox.TryAcceptAsync(new InboxItem
        {
            Key = "m1:ONCRMDEALUPDATE:7:1",
            MemberId = "m1",
            Kind = "event",
            Entity = "deal",
            ItemId = 7,
            Payload = new JObject { ["event"] = "ONCRMDEALUPDATE" },
            ReceivedAt = _time.GetUtcNow(),
        });
        _time.Advance(TimeSpan.FromMinutes(2));

        var results = await Task.WhenAll(_a.Function<DueJobsFunction>().RunAsync(new TimerInfo(), CancellationToken.None), _b.Function<DueJobsFunction>().RunAsync(new TimerInfo(), CancellationToken.None));

        var ordered = results.OrderBy(r => r.Length).ToList();
        Assert.Empty(ordered[0]);
        Assert.Equal([WorkMessage.Drain("m1")], ordered[1]);
    }

    private static Task<bool> TakeAsync(AppInstance instance, TimerInfo? timer = null) =>
        instance.Get<TimerLease>().TryTakeAsync("due-jobs", DueJobsFunction.Schedule, timer ?? new TimerInfo(), CancellationToken.None);

    private Installation Installation(string member) => new()
    {
        MemberId = member,
        Domain = member + ".bitrix24.ru",
        InstalledAt = _time.GetUtcNow(),
        UpdatedAt = _time.GetUtcNow(),
    };
}
