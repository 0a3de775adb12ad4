using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Work;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// The worker: one <c>crm-work</c> message drains one portal's accepted work. A malformed message is dropped (logged),
/// not retried; a drain that runs out of time queues a message to continue.
/// </summary>
public sealed class CrmWorkFunction(PortalWorker worker, ILogger<CrmWorkFunction> log)
{
    public const string Name = "crm-work";

    [Function(Name)]
    [QueueOutput(WorkMessage.Queue)]
    public async Task<string[]> RunAsync([QueueTrigger(WorkMessage.Queue)] string message, CancellationToken cancellationToken)
    {
        var member = WorkMessage.MemberOf(message);
        if (member is null)
        {
            Jobs.JobLog.NotADrain(log);
            return [];
        }

        var more = await worker.DrainAsync(member, cancellationToken);
        return more ? [WorkMessage.Drain(member)] : [];
    }
}
