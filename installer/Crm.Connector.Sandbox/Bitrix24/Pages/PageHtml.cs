using System.Globalization;
using System.Net;
using System.Text;
using Crm.Connector.Sandbox.Bitrix24.State;

namespace Crm.Connector.Sandbox.Bitrix24.Pages;

/// <summary>
/// The HTML of the sandbox's portal pages. Stable hooks for browser tests: <c>#portal-user</c> (data-user-id,
/// data-admin), <c>#app-frame</c> (the iframe, name <c>app-frame</c>), forms <c>form.frame-form</c> posting into it,
/// toolbar buttons <c>[data-placement-handler]</c> (their text is the item's title), <c>#deal</c> with
/// <c>#deal-title</c>, <c>#deal-stage</c>, <c>#deal-amount</c>, <c>#deal-pipeline</c>.
/// </summary>
internal static class PageHtml
{
    public const string FrameName = "app-frame";

    private const string AutoSubmit = """

        <script>
        document.addEventListener('DOMContentLoaded', function () { document.getElementById('frame-form-default').submit(); });
        </script>
        """;

    private const string OpenSlider = """

        <script>
        document.querySelectorAll('[data-placement-handler]').forEach(function (button) {
          button.addEventListener('click', function () {
            document.getElementById('app-slider').hidden = false;
            document.getElementById(button.dataset.form).submit();
          });
        });
        document.getElementById('app-slider-close').addEventListener('click', function () {
          document.getElementById('app-slider').hidden = true;
        });
        </script>
        """;

    /// <summary>The app's own page: its frame, and the DEFAULT form submitted as soon as the page loads.</summary>
    public static string AppPage(PortalUser user, SandboxFramePost post) =>
        Document("Приложение", user, $"""
            <main id="app-page">
            {Form("frame-form-default", post)}
            <iframe name="{FrameName}" id="{FrameName}" title="Приложение" style="width:100%;height:80vh;border:1px solid #ccc"></iframe>
            </main>
            """ + AutoSubmit);

    /// <summary>
    /// A deal card: the deal, a toolbar with one button per CRM_DEAL_DETAIL_TOOLBAR handler, and a slider holding the
    /// frame; a button opens the slider and submits its own form into the frame.
    /// </summary>
    public static string DealCard(PortalUser user, DealCardView deal, IReadOnlyList<(PlacementBinding Binding, string Title, SandboxFramePost Post)> items)
    {
        var buttons = new StringBuilder();
        var forms = new StringBuilder();
        foreach (var (binding, title, post) in items)
        {
            var formId = $"frame-form-{binding.Id}";
            buttons.Append(CultureInfo.InvariantCulture, $"""<button type="button" class="placement-button" data-placement="{Attr(binding.Placement)}" data-placement-handler="{Attr(binding.Handler)}" data-form="{formId}">{Text(title)}</button>""").Append('\n');
            forms.Append(Form(formId, post)).Append('\n');
        }

        return Document(deal.Title, user, $"""
            <main id="deal" data-deal-id="{deal.Id}">
            <h1 id="deal-title">{Text(deal.Title)}</h1>
            <dl>
            <dt>Воронка</dt><dd id="deal-pipeline">{Text(deal.Pipeline)}</dd>
            <dt>Стадия</dt><dd id="deal-stage" data-stage-id="{Attr(deal.StageId)}">{Text(deal.Stage)}</dd>
            <dt>Сумма</dt><dd id="deal-amount" data-amount="{Attr(deal.Amount)}">{Text(deal.Amount)} {Text(deal.Currency)}</dd>
            </dl>
            <nav id="deal-toolbar" aria-label="Приложения">
            {buttons}</nav>
            {forms}<div id="app-slider" hidden style="position:fixed;top:0;right:0;width:70%;height:100%;background:#fff;box-shadow:-4px 0 12px #0003">
            <button type="button" id="app-slider-close">×</button>
            <iframe name="{FrameName}" id="{FrameName}" title="Приложение" style="width:100%;height:95%;border:0"></iframe>
            </div>
            </main>
            """ + OpenSlider);
    }

    private static string Document(string title, PortalUser user, string body)
    {
        var name = $"{user.Name} {user.LastName}";
        var role = user.Admin ? "администратор" : "сотрудник";
        return $"""
            <!DOCTYPE html>
            <html lang="ru">
            <head><meta charset="utf-8"><title>{Text(title)} — Битрикс24 (sandbox)</title></head>
            <body>
            <header id="portal-header">
            <span id="portal-user" data-user-id="{user.Id}" data-admin="{(user.Admin ? "true" : "false")}">{Text(name)}</span>
            <span id="portal-role">{role}</span>
            </header>
            {body}
            </body>
            </html>
            """;
    }

    private static string Form(string id, SandboxFramePost post)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""<form id="{id}" class="frame-form" method="post" target="{FrameName}" action="{Attr(post.Action.AbsoluteUri)}">""").Append('\n');
        foreach (var (name, value) in post.Body)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<input type="hidden" name="{Attr(name)}" value="{Attr(value)}">""").Append('\n');
        }

        return html.Append("</form>").ToString();
    }

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    private static string Attr(string value) => WebUtility.HtmlEncode(value);
}
