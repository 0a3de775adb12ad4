using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Invocation;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/bitrix24/robots/{code}</c>: a robot call, verified and kept; the worker answers with <c>bizproc.event.send</c>.</summary>
public sealed class Bitrix24RobotFunction(WebhookIntake intake, IOptions<Bitrix24AppOptions> options) : IFunction
{
    public FunctionDefinition Definition { get; } = new(
        "bitrix24-robot",
        new HttpTrigger("bitrix24/robots/{code}", ["POST"]),
        [FunctionOutput.Http, FunctionOutput.ToQueue(Bitrix24EventsFunction.QueueBinding, WorkMessage.Queue)]);

    public async Task<InvocationResult> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var http = HttpRequestData.From(request);
        var (form, refusal) = WebhookBody.Read(http, options.Value.MaxBodyBytes);
        if (form is null)
        {
            return InvocationResults.Http(refusal!);
        }

        var (message, error) = RobotMessage.Parse(form, http.Params.GetValueOrDefault("code"));
        if (message is null)
        {
            return InvocationResults.Http(IntakeOutcome.BadRequest(error!).Response);
        }

        var outcome = await intake.AcceptRobotAsync(message, cancellationToken);
        return InvocationResults.Http(outcome.Response, Bitrix24EventsFunction.QueueBinding, outcome.Message is null ? [] : [outcome.Message]);
    }
}
