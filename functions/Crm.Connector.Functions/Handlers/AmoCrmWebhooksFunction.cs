using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Functions.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>POST /api/amocrm/webhooks/{secret}</c>: an account webhook (amocrm-api.md §8) — read with a size limit, parsed,
/// verified by the path's secret, kept, 200; the work goes to <c>crm-work</c> like Bitrix24's events.
/// </summary>
public sealed class AmoCrmWebhooksFunction(AmoWebhookIntake intake, IOptions<AmoCrmAppOptions> options)
{
    public const string Name = "amocrm-webhooks";

    private const string RoutePrefix = "amocrm/webhooks/";

    /// <summary>
    /// Most form fields of one webhook. amoCRM sends one webhook per API request with every entity it changed: a bulk
    /// PATCH of 50 leads' stages (a mass edit) is 50 × <c>leads[update]</c> and 50 × <c>leads[status]</c>, over 1,000
    /// fields without custom fields — <see cref="Bitrix24.Inbound.FormBody.MaxPairs"/> (sized for Bitrix24's events of a few
    /// dozen) refused it with 400 and lost all 50 changes until the missed-webhook sweep. A field is at least ~10 bytes,
    /// so <see cref="AmoCrm.AmoCrmAppOptions.MaxBodyBytes"/> (256 KB) stays the real bound; this only stops counting short of it.
    /// </summary>
    private const int MaxFields = 30_000;

    [Function(Name)]
    public async Task<WebhookResponse> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RoutePrefix + "{secret}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (_, form, refusal) = await WebhookBody.ReadAsync(request, options.Value.MaxBodyBytes, MaxFields, cancellationToken);
        if (form is null)
        {
            return Bitrix24EventsFunction.Answer(refusal!);
        }

        var outcome = await intake.AcceptAsync(SecretOf(request.Path.Value), form, cancellationToken);
        return new WebhookResponse { Response = outcome.Response.ToActionResult(), Work = outcome.Message is null ? [] : [outcome.Message] };
    }

    /// <summary>
    /// The <c>{secret}</c> of the route, read from the path (as <see cref="Bitrix24RobotFunction"/> reads its code: the
    /// worker's HTTP integration does not promise route values).
    /// </summary>
    private static string? SecretOf(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var at = path.LastIndexOf(RoutePrefix, StringComparison.OrdinalIgnoreCase);
        var secret = at < 0 ? null : path[(at + RoutePrefix.Length)..];
        return string.IsNullOrEmpty(secret) || secret.Contains('/', StringComparison.Ordinal) ? null : secret;
    }
}
