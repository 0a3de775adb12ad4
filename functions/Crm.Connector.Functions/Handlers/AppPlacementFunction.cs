using Crm.Connector.Functions.Pages;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>POST /api/app/placements/{key}</c>: a placement's handler — the deal card's «Выставить счет». A press hands the
/// invoice to the worker (a drain request on <c>crm-work</c>) once its fact is in the deal's inbox.
/// </summary>
public sealed class AppPlacementFunction(PageHost host, InvoiceButtonPage page)
{
    public const string Name = "app-placement";

    private const string RoutePrefix = "app/placements/";

    [Function(Name)]
    public async Task<WebhookResponse> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = RoutePrefix + "{key}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (opened, nonce, ancestor, refusal) = await host.OpenAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return new WebhookResponse { Response = refusal };
        }

        var key = Bitrix24RobotFunction.RouteTail(request, RoutePrefix) ?? string.Empty;
        var (answer, drain) = await page.HandleAsync(opened, key, nonce, ancestor, cancellationToken);
        return new WebhookResponse { Response = answer, Work = drain is null ? [] : [drain] };
    }
}
