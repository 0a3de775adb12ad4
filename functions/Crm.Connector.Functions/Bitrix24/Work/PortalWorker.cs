using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// Drains a portal's accepted work. Many drain requests for one portal (one per event) collapse into one running drain
/// per process: a request that arrives while a drain runs only marks the portal dirty, and the running drain goes round
/// again. Each round waits a moment so a burst of events is read and written in a few batch calls, then claims items
/// until none are left. Across processes, claims in the store keep each item with one worker.
/// </summary>
public sealed class PortalWorker(WorkBatchProcessor processor, Storage.IStore store, IOptions<WorkerOptions> options, TimeProvider time)
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

                var waited = false;
                while (true)
                {
                    if (clock.Elapsed > settings.DrainBudget)
                    {
                        lock (state)
                        {
                            state.Running = false;
                        }

                        return true;
                    }

                    if (settings.Coalesce > TimeSpan.Zero)
                    {
                        await Task.Delay(settings.Coalesce, time, cancellationToken);
                    }

                    var items = await store.Inbox.ClaimAsync(memberId, settings.ClaimSize, settings.Lease, cancellationToken);
                    if (items.Count == 0)
                    {
                        // Pending but not claimable: held by a worker that may have died, or waiting for a retry. Look
                        // once more after a lease's time rather than leave them to the stalled-work sweep.
                        var pending = (await store.Inbox.CountAsync(memberId, cancellationToken)).GetValueOrDefault(Storage.Inbox.InboxStatus.Pending);
                        if (pending == 0 || waited)
                        {
                            break;
                        }

                        waited = true;
                        await Task.Delay(settings.Lease < MaxWaitForLeased ? settings.Lease : MaxWaitForLeased, time, cancellationToken);
                        continue;
                    }

                    await processor.ProcessAsync(memberId, items, cancellationToken);
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

    private sealed class DrainState
    {
        public bool Running { get; set; }

        public bool Dirty { get; set; }
    }
}
