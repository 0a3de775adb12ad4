using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>Every ten minutes: the missed-events sweep and token keep-alive of every portal (<see cref="Reconciler"/>).</summary>
public sealed class ReconcileFunction(Reconciler reconciler, ILogger<ReconcileFunction> log)
{
    public const string Name = "reconcile";

    [Function(Name)]
    [QueueOutput(WorkMessage.Queue)]
    public async Task<string[]> RunAsync([TimerTrigger("0 */10 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var portals = await reconciler.SweepAllAsync((member, e) => JobLog.ReconcileFailed(log, member, e.Code), cancellationToken);
        JobLog.ReconcileRan(log, portals.Count, timer.IsPastDue);
        return [.. portals.Select(WorkMessage.Drain)];
    }
}
