using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Invocation;
using Crm.Connector.Functions.Jobs;

namespace Crm.Connector.Functions.Handlers;

/// <summary>Every ten minutes: the missed-events sweep and token keep-alive of every portal (<see cref="Reconciler"/>).</summary>
public sealed class ReconcileFunction(Reconciler reconciler, ILogger<ReconcileFunction> log) : IFunction
{
    public FunctionDefinition Definition { get; } = new(
        "reconcile",
        new TimerTrigger("0 */10 * * * *"),
        [FunctionOutput.ToQueue(Bitrix24EventsFunction.QueueBinding, WorkMessage.Queue)]);

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var portals = await reconciler.SweepAllAsync((member, e) => JobLog.ReconcileFailed(log, member, e.Code), cancellationToken);
        return InvocationResults.Queue(Bitrix24EventsFunction.QueueBinding, [.. portals.Select(WorkMessage.Drain)], $"reconcile: {portals.Count} portals with missed changes");
    }
}
