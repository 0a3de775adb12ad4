using Crm.Connector.Functions.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary><c>POST /api/app/settings</c>: the settings page — shown to everyone, changed by portal admins only.</summary>
public sealed class AppSettingsFunction(PageHost host, SettingsPage page)
{
    public const string Name = "app-settings";

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "app/settings")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (opened, nonce, ancestor, refusal) = await host.OpenAsync(request, cancellationToken);
        return refusal ?? await page.HandleAsync(opened, nonce, ancestor, cancellationToken);
    }
}
