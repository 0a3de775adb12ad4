using Crm.Connector.Functions.AmoCrm;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>GET /api/amocrm/uninstall</c>: the integration's "access revoked" hook (amocrm-api.md §2.7), signed with the secret key.</summary>
public sealed class AmoCrmUninstallFunction(AmoUninstallProcessor processor)
{
    public const string Name = "amocrm-uninstall";

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "amocrm/uninstall")] HttpRequest request,
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
            return HttpOutput.Error(400, "BAD_REQUEST", "Malformed query string: " + e.Message).ToActionResult();
        }

        return (await processor.HandleAsync(query, cancellationToken)).ToActionResult();
    }
}
