using Crm.Connector.Functions.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>/api/app</c>: the app's main page, the handler of its default placement. The portal opens it with its frame POST
/// (checked with the portal, never trusted); the page's own menu comes back with the signed session. A GET says where
/// the page lives.
/// </summary>
public sealed class AppPageFunction(PageHost host, MainPage page)
{
    public const string Name = "app-page";

    [Function(Name)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "app")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var nonce = PageResult.NewNonce();
            return PageResult.Page(200, PageLayout.Refusal("Это страница приложения Crm.Connector: откройте её из левого меню вашего портала Битрикс24.", nonce), nonce, null);
        }

        var (opened, pageNonce, ancestor, refusal) = await host.OpenAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var session = opened.Session!;
        var html = await page.RenderAsync(session, host.Verifier.Token(session), pageNonce, cancellationToken);
        return PageResult.Page(200, html, pageNonce, ancestor);
    }
}
