using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>GET /api/amocrm/install</c>: the integration's Redirect URI (amocrm-api.md §2.3). Answers within the
/// marketplace's 3 s — the template is provisioned afterwards from the <c>amocrm-provision</c> queue.
/// </summary>
public sealed class AmoCrmInstallFunction(AmoInstallProcessor processor, ILogger<AmoCrmInstallFunction> log)
{
    public const string Name = "amocrm-install";

    [Function(Name)]
    public async Task<AmoInstallResponse> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "amocrm/install")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        FormBody query;
        try
        {
            query = FormBody.Parse(request.QueryString.Value?.TrimStart('?'));
        }
        catch (FormatException e)
        {
            return new AmoInstallResponse { Response = AmoInstallPage.Refusal(400, "BAD_REQUEST", "Malformed query string: " + e.Message).ToActionResult() };
        }

        var outcome = await processor.HandleAsync(AmoInstallRequest.From(query), cancellationToken);
        Hosting.HostingLog.FunctionLog(log, outcome.Log);
        return new AmoInstallResponse { Response = outcome.Response.ToActionResult(), Provision = outcome.Provision is null ? [] : [outcome.Provision] };
    }
}
