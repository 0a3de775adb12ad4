using Crm.Connector.Limits;
using Crm.Connector.Testing;

namespace Crm.Connector.Bitrix24.Tests.Unit;

/// <summary>
/// Who may send when (bitrix24-rest.md §12.1): the burst at once, the drain after it, a probe while the portal's word is
/// not fresh, and a 503 making everyone sharing the bucket wait — on a hand-moved clock that nothing else moves.
/// </summary>
public sealed class RequestPacerTests
{
    private const string Portal = "portal.bitrix24.ru";

    private static readonly RateLimit Standard = new(50, 2);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Acquire_ColdPortal_SendsOneProbeAndTheOthersFollowItsAcceptanceAtOnce()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time);
        var probe = await GivenAsync(pacer.AcquireAsync(Portal, Standard));
        var others = Enumerable.Range(0, 9).Select(_ => pacer.AcquireAsync(Portal, Standard).AsTask()).ToList();
        var heldForTheProbe = others.Count(o => o.IsCompleted);

        probe.Accepted();
        var permits = await GivenAsync(Task.WhenAll(others));

        Assert.True(probe.IsProbe, "the first request to a portal the pacer knows nothing of did not go as a probe");
        Assert.Equal(0, heldForTheProbe);
        Assert.All(permits, p => Assert.False(p.IsProbe));
        Assert.Equal(9, pacer.InFlight(Portal));
    }

    [Fact]
    public async Task Acquire_BeyondTheFreeCapacity_WaitsForTheDrainInArrivalOrder()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time);
        var limit = new RateLimit(3, 2);
        (await GivenAsync(pacer.AcquireAsync(Portal, limit))).Accepted();
        await GivenAsync(pacer.AcquireAsync(Portal, limit));
        await GivenAsync(pacer.AcquireAsync(Portal, limit));

        var fourth = pacer.AcquireAsync(Portal, limit).AsTask();
        var fifth = pacer.AcquireAsync(Portal, limit).AsTask();
        await UntilParkedAsync(1);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        var fourthEarly = fourth.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await GivenAsync(fourth);
        var fifthWithTheFourth = fifth.IsCompleted;
        await UntilParkedAsync(1);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await GivenAsync(fifth);

        Assert.False(fourthEarly, "the fourth request went before one slot drained (0.5 s at 2/s)");
        Assert.False(fifthWithTheFourth, "the fifth request did not wait for a drain of its own");
    }

    [Fact]
    public async Task Refused_FullBucket_EveryoneWaitsForADrainThenOneProbesBeforeTheRest()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time);
        var first = await GivenAsync(pacer.AcquireAsync(Portal, Standard));
        var waiting = Enumerable.Range(0, 5).Select(_ => pacer.AcquireAsync(Portal, Standard).AsTask()).ToList();

        // The portal answered 503: another app has filled the bucket.
        await first.RefusedAsync();
        await UntilParkedAsync(1);
        _time.Advance(TimeSpan.FromMilliseconds(499));
        var beforeTheDrain = waiting.Count(w => w.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var second = await GivenAsync(Task.WhenAny(waiting).Unwrap());
        var withTheProbe = waiting.Count(w => w.IsCompleted);
        second.Accepted();
        await UntilParkedAsync(1);
        var beforeTheNextDrain = waiting.Count(w => w.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var third = await GivenAsync(waiting[1]);

        Assert.Equal(0, beforeTheDrain);
        Assert.True(second.IsProbe, "after a 503 the next request did not go alone");
        Assert.Same(second, await waiting[0]);
        Assert.Equal(1, withTheProbe);
        Assert.Equal(1, beforeTheNextDrain);
        Assert.False(third.IsProbe);
    }

    [Fact]
    public async Task Refused_SeenByOneInstance_MakesAnotherSharingTheBucketWaitForADrain()
    {
        var shared = new InMemoryRequestBucket(_time);
        var one = new RequestPacer(shared, _time);
        var other = new RequestPacer(shared, _time);
        (await GivenAsync(one.AcquireAsync(Portal, Standard))).Accepted();
        (await GivenAsync(other.AcquireAsync(Portal, Standard))).Accepted();

        await (await GivenAsync(one.AcquireAsync(Portal, Standard))).RefusedAsync();
        var next = other.AcquireAsync(Portal, Standard).AsTask();
        await UntilParkedAsync(1);
        var early = next.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(500));
        var permit = await GivenAsync(next);

        Assert.False(early, "the other instance sent into a bucket the portal had just called full");
        Assert.False(permit.IsProbe, "the other instance had no 503 of its own");
    }

    [Fact]
    public async Task Acquire_ProbeUnansweredPastItsPatience_LetsTheOthersGo()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time, probePatience: TimeSpan.FromSeconds(1));
        using var probe = await GivenAsync(pacer.AcquireAsync(Portal, Standard));
        var other = pacer.AcquireAsync(Portal, Standard).AsTask();

        await UntilParkedAsync(1);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        var early = other.IsCompleted;
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var permit = await GivenAsync(other);

        Assert.False(early, "the others did not wait for the probe");
        Assert.False(permit.IsProbe);
    }

    [Fact]
    public async Task Acquire_AfterAQuietSpellAsLongAsAFullBucketDrains_ProbesAgain()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time);
        (await GivenAsync(pacer.AcquireAsync(Portal, Standard))).Accepted();

        _time.Advance(TimeSpan.FromSeconds(24.9));
        var soon = await GivenAsync(pacer.AcquireAsync(Portal, Standard));
        soon.Accepted();
        _time.Advance(TimeSpan.FromSeconds(25));
        var late = await GivenAsync(pacer.AcquireAsync(Portal, Standard));

        Assert.False(soon.IsProbe, "a portal heard from 24.9 s ago was probed");
        Assert.True(late.IsProbe, "after 25 s of quiet (50 at 2/s) the portal was trusted blindly");
    }

    [Fact]
    public async Task Dispose_ProbeWithoutAnAnswer_NextRequestProbesAgain()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time);
        var probe = await GivenAsync(pacer.AcquireAsync(Portal, Standard));
        var next = pacer.AcquireAsync(Portal, Standard).AsTask();

        probe.Dispose();
        var permit = await GivenAsync(next);

        Assert.True(permit.IsProbe, "a probe that got no answer was taken as the portal's word");
        Assert.Equal(1, pacer.InFlight(Portal));
    }

    [Fact]
    public async Task Acquire_WaiterGivesUp_TheNextOneGetsItsTurn()
    {
        var pacer = new RequestPacer(new InMemoryRequestBucket(_time), _time);
        var limit = new RateLimit(1, 1);
        (await GivenAsync(pacer.AcquireAsync(Portal, limit))).Accepted();
        using var giveUp = new CancellationTokenSource();
        var quitter = pacer.AcquireAsync(Portal, limit, giveUp.Token).AsTask();
        var patient = pacer.AcquireAsync(Portal, limit).AsTask();

        await UntilParkedAsync(1);
        await giveUp.CancelAsync();
        _time.Advance(TimeSpan.FromSeconds(1));
        await GivenAsync(patient);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => quitter);
        Assert.Equal(1, pacer.InFlight(Portal));
    }

    /// <summary>Waits for leave that the code under test gives without the clock moving (10 s guard against a hang).</summary>
    private static async Task<T> GivenAsync<T>(Task<T> task) => await task.WaitAsync(TimeSpan.FromSeconds(10));

    private static Task<RequestPermit> GivenAsync(ValueTask<RequestPermit> acquire) => GivenAsync(acquire.AsTask());

    /// <summary>Waits until <paramref name="timers"/> timers are parked on the clock, so that moving it reaches them.</summary>
    private async Task UntilParkedAsync(int timers)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (_time.PendingTimers != timers)
        {
            await Task.Delay(5, guard.Token);
        }
    }
}
