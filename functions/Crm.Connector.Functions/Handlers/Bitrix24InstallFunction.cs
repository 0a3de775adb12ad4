using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Inbound;
using Crm.Connector.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/bitrix24/install</c>: the marketplace's installation callback and the ONAPP* events.</summary>
public sealed class Bitrix24InstallFunction(InstallProcessor processor, IOptions<Bitrix24AppOptions> options, ILogger<Bitrix24InstallFunction> log)
{
    public const string Name = "bitrix24-install";

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "bitrix24/install")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (http, form, refusal) = await WebhookBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken);
        if (form is null)
        {
            return refusal!.ToActionResult();
        }

        FormBody query;
        try
        {
            query = FormBody.Parse(http!.Url.Query.TrimStart('?'));
        }
        catch (FormatException e)
        {
            return HttpOutput.Error(400, "BAD_REQUEST", "Malformed query string: " + e.Message).ToActionResult();
        }

        var (message, error) = InstallMessage.Parse(query, form);
        if (message is null)
        {
            return HttpOutput.Error(400, "BAD_REQUEST", error!).ToActionResult();
        }

        var outcome = await processor.HandleAsync(message, cancellationToken);
        Hosting.HostingLog.FunctionLog(log, outcome.Log);
        return outcome.Response.ToActionResult();
    }
}
