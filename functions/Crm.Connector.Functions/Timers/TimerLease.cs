using System.Collections.Concurrent;
using Crm.Connector.Functions.LocalHost;
using Crm.Connector.Storage;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace Crm.Connector.Functions.Timers;

/// <summary>
/// Lets exactly one instance do a timer's work per period, however many fire the same tick: the first to take the
/// store's lease <c>timer:{function}</c> for the period runs it; the others find it held and skip the tick.
/// <para>
/// Azure's own timer trigger already runs each timer function on one instance of a function app: the Functions host
/// takes a blob lease per timer (its singleton lock) in the app's storage account. That does not cover the embedded local
/// host — every process started plainly fires its own timers — nor several deployments (another app, another region)
/// sharing one store. The lease in the store covers both, and under Azure it costs one statement per tick.
/// </para>
/// <para>
/// The lease lasts until just before the next occurrence (<see cref="Skew"/>), so an instance that fires late for this
/// tick finds it held, and one whose clock runs a little ahead still gets the next. A holder that dies mid-run is not
/// replaced within the period: the next period's run picks up what it left (both timers' work is idempotent and
/// resumable — due jobs stay due, unswept portals stay behind).
/// </para>
/// </summary>
public sealed class TimerLease(IStore store, TimeProvider time)
{
    /// <summary>
    /// How far apart instances' clocks and firings may be for one tick. Small beside our timers' periods (a minute
    /// and more): a firing this much early still counts for the coming occurrence.
    /// </summary>
    public static readonly TimeSpan Skew = TimeSpan.FromSeconds(2);

    /// <summary>Names this process in the lease (for an operator reading the table); never compared.</summary>
    private readonly string _instance = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    private readonly ConcurrentDictionary<string, CrontabSchedule> _schedules = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether this instance runs this firing of timer <paramref name="function"/> on <paramref name="schedule"/>
    /// (six-field NCRONTAB): true when it took the current period's lease, false when another instance has it. A
    /// past-due run is not leased: it catches up what this host missed while it was not running (the local host's run
    /// at start, or the Functions host's run for a missed occurrence) — a process restarted within a period must not
    /// find the lease its dead predecessor took and skip the catch-up. Several instances starting together each catch
    /// up; both timers' work tolerates that (jobs are claimed once, a portal swept since a sweep was asked is skipped).
    /// </summary>
    public async Task<bool> TryTakeAsync(string function, string schedule, TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            return true;
        }

        var period = TimerPeriod.Containing(_schedules.GetOrAdd(schedule, LocalTimers.Parse), time.GetUtcNow() + Skew);
        var owner = $"{_instance} {period.Start:O}";
        return await store.Leases.TryAcquireAsync("timer:" + function, owner, period.End - Skew, cancellationToken);
    }
}
