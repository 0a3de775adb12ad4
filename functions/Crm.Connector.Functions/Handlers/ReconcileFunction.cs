using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Jobs;
using Crm.Connector.Functions.Timers;
using Crm.Connector.Storage;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// Every ten minutes, on one instance (<see cref="TimerLease"/>): queues a <c>reconcile-portal</c> message per active
/// portal, so the missed-events sweep and token keep-alive of every portal (<see cref="Reconciler"/>) is shared by all
/// instances instead of done one portal after another by one.
/// </summary>
public sealed class ReconcileFunction(IStore store, TimerLease lease, TimeProvider time, ILogger<ReconcileFunction> log)
{
    public const string Name = "reconcile";

    public const string Schedule = "0 */10 * * * *";

    [Function(Name)]
    [QueueOutput(ReconcileMessage.Queue)]
    public async Task<string[]> RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (!await lease.TryTakeAsync(Name, Schedule, timer, cancellationToken))
        {
            JobLog.PeriodHeldElsewhere(log, Name);
            return [];
        }

        var requestedAt = time.GetUtcNow();
        var portals = await store.Installations.ListActiveMemberIdsAsync(cancellationToken);
        JobLog.ReconcileQueued(log, portals.Count, timer.IsPastDue);
        return [.. portals.Select(member => ReconcileMessage.For(member, requestedAt))];
    }
}
