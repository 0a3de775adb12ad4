using Crm.Connector.Testing;

namespace Crm.Connector.Bitrix24.Tests.Unit;

/// <summary>
/// The shared test clock: what our subclass adds to Microsoft's <c>FakeTimeProvider</c> (the start, the pending-timer
/// count), and the base behaviour the client's tests lean on (delays complete when the clock moves).
/// </summary>
public sealed class FakeTimeProviderTests
{
    [Fact]
    public void New_WithoutStart_StartsOnTheDefaultStart()
    {
        var clock = new FakeTimeProvider();

        Assert.Equal(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero), clock.GetUtcNow());
    }

    [Fact]
    public async Task Delay_ClockMovedToItsEnd_CompletesAndLeavesNoTimerPending()
    {
        var clock = new FakeTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(10), clock);
        var pendingWhileWaiting = clock.PendingTimers;

        clock.Advance(TimeSpan.FromSeconds(9));
        var completedEarly = delay.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, pendingWhileWaiting);
        Assert.False(completedEarly, "the delay ended a second early");
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public void PendingTimers_PeriodicTimer_StaysPendingAfterFiringUntilDisposed()
    {
        var clock = new FakeTimeProvider();
        var ticks = 0;
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref ticks), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        clock.Advance(TimeSpan.FromSeconds(3));
        var pendingAfterTicks = clock.PendingTimers;
        timer.Dispose();

        Assert.Equal((3, 1, 0), (ticks, pendingAfterTicks, clock.PendingTimers));
    }

    [Fact]
    public void PendingTimers_TimerStoppedThenRestarted_CountsOnlyWhileScheduled()
    {
        var clock = new FakeTimeProvider();
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var pendingWhenStopped = clock.PendingTimers;
        timer.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        var pendingWhenRestarted = clock.PendingTimers;

        Assert.Equal((0, 1), (pendingWhenStopped, pendingWhenRestarted));
    }

    [Fact]
    public void SetUtcNow_Backwards_IsRefused()
    {
        var clock = new FakeTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetUtcNow(clock.GetUtcNow().AddSeconds(-1)));
    }
}
