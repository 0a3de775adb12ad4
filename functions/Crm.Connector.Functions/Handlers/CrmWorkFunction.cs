using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Work;
using Crm.Connector.Functions.Invocation;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// The worker: one <c>crm-work</c> message drains one portal's accepted work. A malformed message is dropped (logged),
/// not retried; a drain that runs out of time queues a message to continue.
/// </summary>
public sealed class CrmWorkFunction(PortalWorker worker) : IFunction
{
    public FunctionDefinition Definition { get; } = new(
        "crm-work",
        new QueueTrigger(WorkMessage.Queue),
        [FunctionOutput.ToQueue(Bitrix24EventsFunction.QueueBinding, WorkMessage.Queue)]);

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var text = EnvelopeValues.ReadString(request.Data[Definition.Trigger.Name]);
        var member = text is null ? null : WorkMessage.MemberOf(text);
        if (member is null)
        {
            return InvocationResults.Queue(Bitrix24EventsFunction.QueueBinding, [], "Dropped a crm-work message that is not a drain request.");
        }

        var more = await worker.DrainAsync(member, cancellationToken);
        return InvocationResults.Queue(Bitrix24EventsFunction.QueueBinding, more ? [WorkMessage.Drain(member)] : []);
    }
}
