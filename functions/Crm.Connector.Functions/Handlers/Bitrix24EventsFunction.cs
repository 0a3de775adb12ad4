using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Invocation;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/bitrix24/events</c>: parse → verify → keep → 200; the work goes to <c>crm-work</c>.</summary>
public sealed class Bitrix24EventsFunction(WebhookIntake intake, IOptions<Bitrix24AppOptions> options) : IFunction
{
    public const string QueueBinding = "work";

    public FunctionDefinition Definition { get; } = new(
        "bitrix24-events",
        new HttpTrigger("bitrix24/events", ["POST"]),
        [FunctionOutput.Http, FunctionOutput.ToQueue(QueueBinding, WorkMessage.Queue)]);

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var (form, refusal) = WebhookBody.Read(HttpRequestData.From(request), options.Value.MaxBodyBytes);
        if (form is null)
        {
            return InvocationResults.Http(refusal!);
        }

        var (message, error) = EventMessage.Parse(form);
        if (message is null)
        {
            return InvocationResults.Http(IntakeOutcome.BadRequest(error!).Response);
        }

        var outcome = await intake.AcceptEventAsync(message, cancellationToken);
        return InvocationResults.Http(outcome.Response, QueueBinding, outcome.Message is null ? [] : [outcome.Message]);
    }
}
