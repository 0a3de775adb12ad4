namespace Crm.Connector.Storage.Tests;

/// <summary>Named leases and bulk enqueue: what lets several app instances on one store split a timer's work.</summary>
public abstract partial class StoreContract
{
    [StoreFact]
    public async Task Lease_Taken_IsRefusedToEveryoneUntilItRunsOut_ThenTakenByTheNext()
    {
        var other = await OpenAsync();
        var until = Time.GetUtcNow().AddMinutes(1);

        Assert.True(await Store.Leases.TryAcquireAsync("timer:due-jobs", "instance-a", until));
        Assert.False(await other.Leases.TryAcquireAsync("timer:due-jobs", "instance-b", until), "a second instance took a live lease");
        Assert.False(await Store.Leases.TryAcquireAsync("timer:due-jobs", "instance-a", until), "the holder took its own live lease again");
        Time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await other.Leases.TryAcquireAsync("timer:due-jobs", "instance-b", until.AddMinutes(1)));
        var held = await Store.Leases.GetAsync("timer:due-jobs");
        Assert.Equal(("instance-b", until.AddMinutes(1), Time.GetUtcNow()), (held!.Owner, held.Until, held.AcquiredAt));
    }

    [StoreFact]
    public async Task Lease_TwentyCallersInTwoInstancesAtOnce_ExactlyOneTakesIt()
    {
        var other = await OpenAsync();
        var until = Time.GetUtcNow().AddMinutes(10);

        var taken = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => (i % 2 == 0 ? Store : other).Leases.TryAcquireAsync("timer:reconcile", $"caller-{i}", until))));

        Assert.Equal(1, taken.Count(t => t));
        var winner = Array.IndexOf(taken, true);
        Assert.Equal($"caller-{winner}", (await Store.Leases.GetAsync("timer:reconcile"))!.Owner);
    }

    [StoreFact]
    public async Task Lease_OtherName_IsNotHeldByThisOne()
    {
        var until = Time.GetUtcNow().AddMinutes(1);
        Assert.True(await Store.Leases.TryAcquireAsync("timer:due-jobs", "a", until));

        Assert.True(await Store.Leases.TryAcquireAsync("timer:reconcile", "a", until));
        Assert.Null(await Store.Leases.GetAsync("timer:never"));
    }

    [StoreFact]
    public async Task Queue_EnqueueMany_AddsEveryMessageVisibleAtOnceInOrder()
    {
        var texts = Enumerable.Range(0, 1_234).Select(i => $"{{\"memberId\":\"m{i:D5}\"}}").ToList();

        await Store.Queues.EnqueueManyAsync("reconcile-portal", texts);
        await Store.Queues.EnqueueManyAsync("reconcile-portal", []);

        Assert.Equal(texts.Count, await Store.Queues.CountAsync("reconcile-portal"));
        Assert.Equal(texts, (await Store.Queues.PeekAsync("reconcile-portal", 2_000)).Select(m => m.Text));
        Assert.Equal(texts.Take(16), (await Store.Queues.DequeueAsync("reconcile-portal", 16, TimeSpan.FromMinutes(1))).Select(m => m.Text));
        Assert.Equal(0, await Store.Queues.CountAsync("crm-work"));
    }
}
