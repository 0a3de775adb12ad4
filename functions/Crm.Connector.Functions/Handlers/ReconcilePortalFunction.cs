using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Jobs;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// One <c>reconcile-portal</c> message sweeps one installation (<see cref="Crm.Connector.Functions.Work.Sweeps.SweepRequestedAsync"/>) and, when the
/// sweep found missed changes, queues a drain of the portal's work. A portal that fails (tokens refused, portal down) is
/// logged and left for the next period rather than retried at once: the queue's retries would only spend its request
/// budget on the same failure. A malformed message is dropped (logged).
/// </summary>
public sealed class ReconcilePortalFunction(Crm.Connector.Functions.Work.Sweeps reconciler, ILogger<ReconcilePortalFunction> log)
{
    public const string Name = "reconcile-portal";

    [Function(Name)]
    [QueueOutput(WorkMessage.Queue)]
    public async Task<string[]> RunAsync([QueueTrigger(ReconcileMessage.Queue)] string message, CancellationToken cancellationToken)
    {
        if (ReconcileMessage.Parse(message) is not { } request)
        {
            JobLog.NotAReconcile(log);
            return [];
        }

        var (member, requestedAt) = request;

        try
        {
            var accepted = await reconciler.SweepRequestedAsync(member, requestedAt, cancellationToken);
            if (accepted is > 0)
            {
                JobLog.MissedChangesFound(log, member, accepted.Value);
                return [WorkMessage.Drain(member)];
            }

            return [];
        }
        catch (Exception e) when (reconciler.FailureOf(e) is { } failure)
        {
            JobLog.ReconcileFailed(log, member, failure);
            return [];
        }
    }
}
