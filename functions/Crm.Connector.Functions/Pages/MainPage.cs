using Crm.Connector.Automation.Time;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.FileImports;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// The app's main page (its default placement): the installation — template and version, what was installed and what
/// the plan left out and why, the robots an admin may place and where — the latest automated actions with their causes,
/// and what needs a person: a failed provisioning, import rows refused, 1C conflicts.
/// </summary>
public sealed class MainPage(IStore store, TemplateProvider templates)
{
    /// <summary>How many automated actions the page lists.</summary>
    public const int Actions = 25;

    public async Task<string> RenderAsync(PageSession session, string token, string nonce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var installation = await store.Installations.GetAsync(session.MemberId, cancellationToken)
            ?? throw new InvalidOperationException("The installation disappeared while the page was open.");
        var zone = Zone(installation);
        var audit = await store.Audit.ListAsync(session.MemberId, max: 200, cancellationToken: cancellationToken);
        // The latest install that did something (a portal sends the install twice: the second finds it all in place).
        var installs = audit.Where(a => a.Action is "install" or "update" or "reapply").ToList();
        var install = installs.FirstOrDefault(a => a.Detail.Value<long?>("created") > 0 || a.Detail.Value<long?>("updated") > 0) ?? installs.FirstOrDefault();
        var body = await InstallationSectionAsync(installation, install, zone)
            + await AttentionSectionAsync(installation, install, cancellationToken)
            + ActionsSection(audit, zone);
        return PageLayout.Render("Приложение на портале", session, token, nonce, PagePaths.Main, body);
    }

    /// <summary>The installation's time zone (the settings', else the business calendar's default).</summary>
    public static TimeZoneInfo Zone(Installation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        try
        {
            return BusinessCalendar.From(installation.Settings).Zone;
        }
        catch (FormatException)
        {
            return BusinessCalendar.Default.Zone;
        }
    }

    private async Task<string> InstallationSectionAsync(Installation installation, AuditEntry? install, TimeZoneInfo zone)
    {
        var template = installation.TemplateKey is null ? null : await templates.GetAsync(installation.TemplateKey);
        var detail = install?.Detail ?? [];
        var lines = new List<string>
        {
            $"<p id=\"template\">Шаблон: <b>{Html.E(template?.Title.Get() ?? "не выбран")}</b>{(template is null ? string.Empty : $" ({Html.E(template.Key)}, версия {Html.E(template.Version)})")}"
            + $"; тариф портала: {Html.E(installation.Plan ?? "не определён")}; установлено {Html.When(installation.InstalledAt, zone)}.</p>",
        };
        if (install is not null)
        {
            lines.Add($"<p id=\"installed\">При последней установке ({Html.When(install.At, zone)}): создано {Html.E(detail.Value<long?>("created") ?? 0)}, обновлено {Html.E(detail.Value<long?>("updated") ?? 0)}, без изменений {Html.E(detail.Value<long?>("unchanged") ?? 0)}, выполняет приложение {Html.E(detail.Value<long?>("runByApp") ?? 0)}.</p>");
        }

        if (detail["notInstalled"] is JArray { Count: > 0 } left)
        {
            lines.Add("<h3>Не установлено</h3>" + Html.Table(["Что", "Почему"], left.Select(l => new[] { Html.E(l.Value<string>("what")), Html.E(l.Value<string>("why")) }), "not-installed"));
        }

        if (detail["robotsToPlace"] is JArray { Count: > 0 } robots)
        {
            lines.Add("<h3>Роботы, которые администратор ставит на стадии сам (REST этого не умеет)</h3><ul id=\"robots\">" + string.Concat(robots.Select(Robot)) + "</ul>");
        }

        if (template?.Placements.Count > 0)
        {
            lines.Add("<h3>Кнопки в карточках</h3><ul id=\"placements\">" + string.Concat(template.Placements.Select(p =>
                $"<li>«{Html.E(p.Title.Get())}» в карточке сделки{(p.Pipelines.Count == 0 ? string.Empty : " (направления: " + Html.E(string.Join(", ", p.Pipelines.Select(k => template.Pipelines.FirstOrDefault(x => x.Key == k)?.Name.Get() ?? k))) + ")")}: {Html.E(p.Description?.Get() ?? string.Empty)}</li>")) + "</ul>");
        }

        return $"<section id=\"installation\">{string.Concat(lines)}</section>";
    }

    private static string Robot(JToken robot)
    {
        var stages = string.Join(", ", (robot["stages"] as JArray ?? []).Select(s => $"«{s.Value<string>("pipelineName")}» → «{s.Value<string>("stageName")}»"));
        return $"<li><b>{Html.E(robot.Value<string>("name"))}</b> ({Html.E(robot.Value<string>("code"))}): стадии {Html.E(stages)}. {Html.E(robot.Value<string>("note"))}</li>";
    }

    private async Task<string> AttentionSectionAsync(Installation installation, AuditEntry? install, CancellationToken cancellationToken)
    {
        var items = new List<string>();
        foreach (var failure in (install?.Detail["failures"] as JArray ?? []).OfType<JObject>())
        {
            items.Add($"<li class=\"problem\">Установка: {Html.E(failure.Value<string>("what"))} — {Html.E(failure.Value<string>("error"))}. Приложение повторит попытку само.</li>");
        }

        foreach (var run in await store.FileImports.ListAsync(installation.MemberId, 10, cancellationToken))
        {
            if (run.Status == ImportStatus.Failed)
            {
                items.Add($"<li class=\"problem\">Загрузка «{Html.E(run.FileName)}» остановлена: {Html.E(run.Error)}. Запустите её снова — уже загруженные строки не повторятся.</li>");
            }
            else if (run.Status == ImportStatus.Done && run.Invalid + run.Failed > 0)
            {
                items.Add($"<li class=\"warning\">Загрузка «{Html.E(run.FileName)}»: не загружено строк — {Html.E(run.Invalid + run.Failed)}; отчёт со строками и причинами — на странице «Загрузка из Excel».</li>");
            }
        }

        foreach (var conflict in (await store.OneC.InvoicesAsync(installation.MemberId, cancellationToken)).Where(i => i.Conflict is not null))
        {
            items.Add($"<li class=\"problem\">1С: сделка {Html.E(conflict.ItemId)}, счёт {Html.E(conflict.Number ?? "без номера")} — {Html.E(conflict.Conflict)}</li>");
        }

        return items.Count == 0
            ? "<section id=\"attention\"><h3>Требует внимания</h3><p class=\"muted\">Ничего: ошибок, требующих человека, нет.</p></section>"
            : $"<section id=\"attention\"><h3>Требует внимания</h3><ul>{string.Concat(items)}</ul></section>";
    }

    private static string ActionsSection(IReadOnlyList<AuditEntry> audit, TimeZoneInfo zone)
    {
        var actions = audit.Where(a => a.Action is not ("install" or "update")).Take(Actions).ToList();
        if (actions.Count == 0)
        {
            return "<section id=\"actions\"><h3>Последние действия приложения</h3><p class=\"muted\">Пока ни одного.</p></section>";
        }

        var rows = actions.Select(a => new[]
        {
            Html.When(a.At, zone),
            Html.E(a.Entity is null ? "—" : $"{a.Entity} {a.ItemId}"),
            Html.E(a.Action),
            Html.E(a.Cause),
        });
        return $"<section id=\"actions\"><h3>Последние действия приложения</h3>{Html.Table(["Когда", "Элемент", "Действие", "Причина"], rows, "actions-table")}</section>";
    }
}
