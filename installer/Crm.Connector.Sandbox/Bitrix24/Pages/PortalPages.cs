using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Methods.Placement;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Microsoft.AspNetCore.Http;

namespace Crm.Connector.Sandbox.Bitrix24.Pages;

/// <summary>
/// The portal's own pages that frame the app, as a browser sees them (the acting user is <c>?user=N</c>, default 1,
/// the admin — the sandbox has no login):
/// <list type="bullet">
/// <item><c>GET /marketplace/app/?user=N</c>: the app's page — the DEFAULT placement's form POSTed into
/// <c>#app-frame</c> on load. 409 when the app is not installed, 404 when it has no main page (no handler set).</item>
/// <item><c>GET /crm/deal/details/{id}/?user=N</c>: the deal card with a toolbar button per CRM_DEAL_DETAIL_TOOLBAR
/// handler, titled in the portal language; a click opens the slider and POSTs the form with
/// <c>PLACEMENT_OPTIONS={"ID":"{id}","URI":…}</c>. 404 for an unknown deal.</item>
/// </list>
/// Every form carries a fresh OAuth pair of the acting user (as <see cref="Bitrix24Sandbox.IssueTokens"/>).
/// UNCONFIRMED: a real portal renders the toolbar items in a menu of the card's top button; a plain button per item is
/// enough for the app's side of the exchange.
/// </summary>
internal static partial class PortalPages
{
    public static bool Matches(string path) =>
        path.StartsWith("/marketplace/app", StringComparison.Ordinal) || path.StartsWith("/crm/deal/details/", StringComparison.Ordinal);

    public static async Task HandleAsync(Portal portal, HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "text/plain", "Portal pages answer GET only.");
            return;
        }

        var userId = int.TryParse(context.Request.Query["user"], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 1;
        PortalUser? user;
        lock (portal.State.Gate)
        {
            user = portal.State.Users.GetValueOrDefault(userId);
        }

        if (user is null)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "text/plain", $"No user {userId} on this portal (users 1 to 4; 1 is the admin).");
            return;
        }

        if (DealPath().Match(path) is { Success: true } deal)
        {
            await DealCardAsync(portal, context, user, int.Parse(deal.Groups[1].Value, CultureInfo.InvariantCulture));
        }
        else if (AppPath().IsMatch(path))
        {
            await AppPageAsync(portal, context, user);
        }
        else
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "text/plain", "Portal pages: /marketplace/app/?user=N, /crm/deal/details/{id}/?user=N.");
        }
    }

    private static async Task AppPageAsync(Portal portal, HttpContext context, PortalUser user)
    {
        if (!portal.App.Installed)
        {
            await WriteAsync(context, StatusCodes.Status409Conflict, "text/plain", "The app is not installed on this portal (Приложение не установлено).");
            return;
        }

        if (portal.AppHandler is null)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "text/plain", "The app has no main page: set its handler (Bitrix24Sandbox.SetAppHandler or Bitrix24SandboxOptions.AppHandler).");
            return;
        }

        var post = FramePosts.Build(portal, user.Id, PlacementCodes.Default, null, null);
        await WriteAsync(context, StatusCodes.Status200OK, "text/html", PageHtml.AppPage(user, post));
    }

    private static async Task DealCardAsync(Portal portal, HttpContext context, PortalUser user, int dealId)
    {
        DealCardView? deal;
        List<PlacementBinding> bindings;
        lock (portal.State.Gate)
        {
            deal = View(portal.State, dealId);
            bindings = [.. portal.State.Placements.Values.Where(p => p.Placement == PlacementCodes.DealDetailToolbar && (p.UserId == 0 || p.UserId == user.Id))];
        }

        if (deal is null)
        {
            await WriteAsync(context, StatusCodes.Status404NotFound, "text/plain", $"No deal {dealId} on this portal.");
            return;
        }

        var language = portal.App.Language;
        var options = FramePosts.DealOptions(dealId);
        var items = portal.App.Installed
            ? bindings.Select(b => (b, b.TitleFor(language), FramePosts.Build(portal, user.Id, b.Placement, options, new Uri(b.Handler)))).ToList()
            : [];
        await WriteAsync(context, StatusCodes.Status200OK, "text/html", PageHtml.DealCard(user, deal, items));
    }

    private static DealCardView? View(PortalState state, int dealId)
    {
        if (state.Item(EntityKind.Deal, dealId) is not { } row)
        {
            return null;
        }

        var categoryId = Params.AsInt(row["CATEGORY_ID"]) ?? 0;
        var category = state.Categories.GetValueOrDefault(categoryId);
        var stageId = Params.AsString(row["STAGE_ID"]) ?? "";
        var stage = category is null
            ? null
            : state.StatusesOf(category.StageEntityId).FirstOrDefault(s => s.StatusId == stageId);
        var amount = Params.AsDecimal(row["OPPORTUNITY"]) ?? 0m;
        return new DealCardView(
            dealId,
            Params.AsString(row["TITLE"]) ?? "",
            category?.Name ?? "",
            stageId,
            stage?.Name ?? stageId,
            amount.ToString("0.##", CultureInfo.InvariantCulture),
            Params.AsString(row["CURRENCY_ID"]) ?? "RUB");
    }

    private static async Task WriteAsync(HttpContext context, int status, string mediaType, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = mediaType + "; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    [GeneratedRegex(@"^/crm/deal/details/(\d{1,9})/?$")]
    private static partial Regex DealPath();

    [GeneratedRegex(@"^/marketplace/app(/\d{1,9})?/?$")]
    private static partial Regex AppPath();
}
