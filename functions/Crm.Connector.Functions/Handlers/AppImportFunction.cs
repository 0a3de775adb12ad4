using Crm.Connector.Functions.Pages;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/app/import</c>: the import page's steps (template file, preview, run, status, report).</summary>
public sealed class AppImportFunction(PageHost host, ImportPage page)
{
    public const string Name = "app-import";

    [Function(Name)]
    public async Task<ImportResponse> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/import")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (opened, nonce, ancestor, refusal) = await host.OpenAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return new ImportResponse { Response = refusal };
        }

        var (answer, run) = await page.HandleAsync(opened, nonce, ancestor, cancellationToken);
        return new ImportResponse { Response = answer, Runs = run is null ? [] : [run] };
    }
}
