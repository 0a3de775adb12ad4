using Crm.Connector.Limits;
using Crm.Connector.Testing;

namespace Crm.Connector.Bitrix24.Tests.Unit;

/// <summary>The client's leaky bucket (bitrix24-rest.md §12.1), on a hand-moved clock.</summary>
public sealed class LeakyBucketTests
{
    private static readonly RateLimit Standard = new(50, 2);

    [Fact]
    public void TryTake_UpToTheBurst_CountsEveryOne()
    {
        var bucket = new LeakyBucket(new FakeTimeProvider());

        var takes = Enumerable.Range(0, 50).Select(_ => bucket.TryTake(Standard)).ToList();

        Assert.All(takes, t => Assert.True(t.Counted));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (double)i), takes.Select(t => t.LevelBefore));
    }

    [Fact]
    public void TryTake_FullBucket_CountsNothingAndSaysWhenOneDrains()
    {
        var bucket = new LeakyBucket(new FakeTimeProvider());
        for (var i = 0; i < 50; i++)
        {
            bucket.TryTake(Standard);
        }

        var take = bucket.TryTake(Standard);

        Assert.False(take.Counted);
        Assert.Equal(TimeSpan.FromMilliseconds(500), take.RetryAfter);
        Assert.Equal(50, bucket.Level(Standard), precision: 6);
    }

    [Fact]
    public void TryTake_AfterTheWaitItWasTold_Fits()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(time);
        for (var i = 0; i < 50; i++)
        {
            bucket.TryTake(Standard);
        }

        time.Advance(bucket.TryTake(Standard).RetryAfter);

        Assert.True(bucket.TryTake(Standard).Counted, "the wait the bucket named was not long enough");
    }

    [Fact]
    public void Level_DrainsWithTime()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(time);
        for (var i = 0; i < 10; i++)
        {
            bucket.TryTake(Standard);
        }

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(4, bucket.Level(Standard), precision: 6);
    }

    [Fact]
    public void Fill_AfterAPortal503_MakesTheNextRequestWaitForOneDrain()
    {
        var time = new FakeTimeProvider();
        var bucket = new LeakyBucket(time);
        bucket.TryTake(Standard);

        bucket.Fill(Standard);
        var next = bucket.TryTake(Standard);

        Assert.False(next.Counted);
        Assert.Equal(TimeSpan.FromMilliseconds(500), next.RetryAfter);
    }
}
