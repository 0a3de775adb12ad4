using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/bitrix24/events</c>: parse → verify → keep → 200; the work goes to <c>crm-work</c>.</summary>
public sealed class Bitrix24EventsFunction(WebhookIntake intake, IOptions<Bitrix24AppOptions> options)
{
    public const string Name = "bitrix24-events";

    [Function(Name)]
    public async Task<WebhookResponse> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bitrix24/events")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (_, form, refusal) = await WebhookBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (form is null)
        {
            return Answer(refusal!);
        }

        var (message, error) = EventMessage.Parse(form);
        if (message is null)
        {
            return Answer(IntakeOutcome.BadRequest(error!).Response);
        }

        var outcome = await intake.AcceptEventAsync(message, cancellationToken);
        return new WebhookResponse { Response = outcome.Response.ToActionResult(), Work = outcome.Message is null ? [] : [outcome.Message] };
    }

    internal static WebhookResponse Answer(HttpOutput response) => new() { Response = response.ToActionResult() };
}
