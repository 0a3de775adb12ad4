using Crm.Connector.Bitrix24.Limits;
using Crm.Connector.Testing;

namespace Crm.Connector.Bitrix24.Tests.Unit;

/// <summary>The client's leaky bucket (bitrix24-rest.md §12.1), on a hand-moved clock.</summary>
public sealed class LeakyBucketTests
{
    [Fact]
    public async Task Acquire_UpToTheBurst_DoesNotWait()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(new RateLimit(50, 2), time);

        for (var i = 0; i < 50; i++)
        {
            var acquired = bucket.AcquireAsync(CancellationToken.None);
            Assert.True(acquired.IsCompleted, $"request {i + 1} of the burst had to wait");
            await acquired;
        }
    }

    [Fact]
    public async Task Acquire_BeyondTheBurst_WaitsForTheDrainInArrivalOrder()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(new RateLimit(2, 2), time);
        await bucket.AcquireAsync(CancellationToken.None);
        await bucket.AcquireAsync(CancellationToken.None);

        var third = bucket.AcquireAsync(CancellationToken.None).AsTask();
        var fourth = bucket.AcquireAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(499));
        var thirdEarly = third.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third;
        var fourthEarly = fourth.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(500));
        await fourth;

        Assert.False(thirdEarly, "the third request went before one slot drained (0.5 s at 2/s)");
        Assert.False(fourthEarly, "the fourth request did not queue behind the third");
    }

    [Fact]
    public async Task Level_DrainsWithTime()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(new RateLimit(50, 2), time);
        for (var i = 0; i < 10; i++)
        {
            await bucket.AcquireAsync(CancellationToken.None);
        }

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(4, bucket.Level, precision: 6);
    }

    [Fact]
    public void MarkFull_AfterAPortal503_MakesTheNextRequestWait()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(new RateLimit(50, 2), time);

        bucket.MarkFull();
        var next = bucket.AcquireAsync(CancellationToken.None);

        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(next.IsCompleted);
    }
}
