using Crm.Connector.Functions.Bitrix24;
using System.Collections.Concurrent;
using System.Diagnostics;
using Crm.Connector.Storage.Effects;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// Drains a portal's accepted work. Many drain requests for one portal (one per event) collapse into one running drain
/// per process: a request that arrives while a drain runs only marks the portal dirty, and the running drain goes round
/// again. Across processes, the portal's work lease (<see cref="WorkLease"/>) lets one instance at a time drain it — so
/// an item is never worked on by two instances at once, and each effect is sent by one; an instance that finds the
/// lease held waits for it up to one lease's time (its holder may have died), then leaves the work to the holder, which
/// looks once more for new work after it lets the lease go. A drain
/// first sends the effects a dead or failed sender left (looked for in the portal first), then claims items until none
/// are left, each round waiting a moment so a burst of events is read and written in a few batch calls.
/// </summary>
public sealed class PortalWorker(WorkPipeline processor, Storage.IStore store, IOptions<WorkerOptions> options, TimeProvider time, ILogger<PortalWorker> log)
{
    /// <summary>Longest a drain waits for items it could not claim yet.</summary>
    public static readonly TimeSpan MaxWaitForLeased = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, DrainState> _states = new(StringComparer.Ordinal);

    /// <summary>Drains <paramref name="memberId"/>; true when the time budget ran out with work left (the caller queues another drain).</summary>
    public async Task<bool> DrainAsync(string memberId, CancellationToken cancellationToken)
    {
        var state = _states.GetOrAdd(memberId, _ => new DrainState());
        lock (state)
        {
            state.Dirty = true;
            if (state.Running)
            {
                return false;
            }

            state.Running = true;
        }

        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var lease = new WorkLease(store, memberId, settings.PortalLease);
        try
        {
            while (true)
            {
                lock (state)
                {
                    if (!state.Dirty)
                    {
                        state.Running = false;
                        return false;
                    }

                    state.Dirty = false;
                }

                var taken = await AcquireAsync(lease, cancellationToken);
                if (taken == Storage.Leases.LeaseResult.Held)
                {
                    // Another instance drains the portal and keeps renewing its lease; it looks for new work again
                    // when it lets go.
                    WorkLog.LeaseHeld(log, memberId);
                    continue;
                }

                bool outOfTime;
                try
                {
                    if (taken == Storage.Leases.LeaseResult.Acquired)
                    {
                        // Whoever held the portal before is gone: its claims come back now, in their order.
                        await store.Inbox.ReopenClaimsAsync(memberId, cancellationToken);
                    }

                    outOfTime = await DrainHeldAsync(memberId, lease, clock, cancellationToken);
                }
                catch (LeaseLostException e)
                {
                    WorkLog.LeaseLost(log, memberId, e.Message);
                    outOfTime = false;
                }
                finally
                {
                    await lease.ReleaseAsync();
                }

                if (outOfTime)
                {
                    lock (state)
                    {
                        state.Running = false;
                    }

                    return true;
                }

                // Work accepted while this drain held the lease may have been left by an instance that found it held.
                if (await store.Inbox.HasClaimableAsync(memberId, cancellationToken))
                {
                    lock (state)
                    {
                        state.Dirty = true;
                    }
                }
            }
        }
        catch
        {
            lock (state)
            {
                state.Running = false;
            }

            throw;
        }
    }

    /// <summary>
    /// Takes the portal's lease, waiting while it is held for at most one lease's time: a holder that died (killed, its
    /// host evicted) stops renewing, so its lease runs out within that time and this drain carries on with its work at
    /// once instead of leaving it for the stalled-work sweep; a live holder renews it, and this drain gives way.
    /// </summary>
    private async Task<Storage.Leases.LeaseResult> AcquireAsync(WorkLease lease, CancellationToken cancellationToken)
    {
        var patience = options.Value.PortalLease + TimeSpan.FromSeconds(1);
        var step = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(100).Ticks, Math.Min(TimeSpan.FromSeconds(1).Ticks, patience.Ticks / 10)));
        var waited = TimeSpan.Zero;
        var taken = await lease.AcquireAsync(cancellationToken);
        while (taken == Storage.Leases.LeaseResult.Held && waited < patience)
        {
            await Task.Delay(step, time, cancellationToken);
            waited += step;
            taken = await lease.AcquireAsync(cancellationToken);
        }

        return taken;
    }

    /// <summary>Recovers unsent effects, then claims and works until nothing is claimable; true when out of time.</summary>
    private async Task<bool> DrainHeldAsync(string memberId, WorkLease lease, Stopwatch clock, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await processor.RecoverAsync(memberId, lease, cancellationToken);
        var waited = false;
        while (true)
        {
            if (clock.Elapsed > settings.DrainBudget)
            {
                return true;
            }

            if (settings.Coalesce > TimeSpan.Zero)
            {
                await Task.Delay(settings.Coalesce, time, cancellationToken);
            }

            if (!await lease.RenewAsync(cancellationToken))
            {
                throw new LeaseLostException($"Portal {memberId}: the work lease ran out between claims.");
            }

            var items = await store.Inbox.ClaimAsync(memberId, settings.ClaimSize, settings.Lease, WorkLease.Instance, cancellationToken);
            if (items.Count == 0)
            {
                // Pending but not claimable: waiting for a retry. Look once more after a while rather than leave them
                // to the stalled-work sweep.
                var pending = (await store.Inbox.CountAsync(memberId, cancellationToken)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending);
                if (pending == 0 || waited)
                {
                    return false;
                }

                waited = true;
                await Task.Delay(settings.Lease < MaxWaitForLeased ? settings.Lease : MaxWaitForLeased, time, cancellationToken);
                continue;
            }

            await processor.ProcessAsync(memberId, items, lease, cancellationToken);
        }
    }

    private sealed class DrainState
    {
        public bool Running { get; set; }

        public bool Dirty { get; set; }
    }
}
