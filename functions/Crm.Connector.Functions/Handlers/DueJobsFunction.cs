using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Jobs;
using Crm.Connector.Functions.Timers;
using Crm.Connector.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using WorkerOptions = Crm.Connector.Functions.Bitrix24.WorkerOptions;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// Every minute, on one instance (<see cref="TimerLease"/>): runs the scheduled jobs that are due (each claimed by
/// exactly one caller anyway), and queues a drain for any portal whose accepted work has waited too long (its queue
/// message was lost, or its items are due for a retry) or whose recorded effects are due to be sent — once, not once
/// per instance.
/// </summary>
public sealed class DueJobsFunction(IStore store, IEnumerable<IJobHandler> handlers, IOptions<WorkerOptions> worker, TimerLease lease, TimeProvider time, ILogger<DueJobsFunction> log)
{
    public const string Name = "due-jobs";

    public const string Schedule = "0 * * * * *";

    private readonly Dictionary<string, IJobHandler> _handlers = handlers.ToDictionary(h => h.Kind, StringComparer.Ordinal);

    [Function(Name)]
    [QueueOutput(WorkMessage.Queue)]
    public async Task<string[]> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!await lease.TryTakeAsync(Name, Schedule, timer, cancellationToken))
        {
            JobLog.PeriodHeldElsewhere(log, Name);
            return [];
        }

        var now = time.GetUtcNow();
        // Only the kinds this function runs: the 1C work has its own timer and retry policy (OneCSyncFunction).
        var jobs = await store.Jobs.ClaimDueAsync(now, 100, TimeSpan.FromMinutes(5), _handlers.Keys, cancellationToken);
        var failed = 0;
        foreach (var job in jobs)
        {
            try
            {
                await _handlers[job.Kind].RunAsync(job, cancellationToken);
                await store.Jobs.CompleteAsync(job.Id, cancellationToken);
            }
#pragma warning disable CA1031 // A job's failure of any kind is recorded on the job and retried with back-off; it must not stop the others.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                failed++;
                JobLog.Failed(log, job.Kind, job.MemberId, job.Attempts, e);
                await store.Jobs.RetryAsync(job.Id, e.Message, now + TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(job.Attempts, 6))), 8, cancellationToken);
            }
        }

        var stalled = await store.Inbox.PortalsWithPendingAsync(now - worker.Value.StalledAfter, cancellationToken);

        // Effects whose retry came due, or left by a sender that died, are sent by their portal's next drain.
        var unsent = await store.Outbox.PortalsWithDueAsync(cancellationToken);

        // Automation checks that came due are inbox work now: their portals are drained at once.
        var checks = jobs.Where(j => j.Kind == JobKinds.AutomationCheck).Select(j => j.MemberId);
        JobLog.DueJobsRan(log, jobs.Count, failed, stalled.Count, timer.IsPastDue);
        return [.. stalled.Union(checks, StringComparer.Ordinal).Union(unsent, StringComparer.Ordinal).Select(WorkMessage.Drain)];
    }
}
