using System.Text;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// The settings page: time zone, work days, holidays, supervisor, positions, and the template — re-applied or changed
/// only after its plan is shown. Everyone may look; only a portal admin may change anything (checked on every post,
/// not only by hiding the buttons), each change is saved with an audit entry naming who made it.
/// </summary>
public sealed class SettingsPage(IStore store, TemplateProvider templates, PortalClients clients, Provisioner provisioner, FrameVerifier verifier, TimeProvider time)
{
    public async Task<PageResult> HandleAsync(PageRequest request, string nonce, string? frameAncestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = request.Session!;
        var installation = await store.Installations.GetAsync(session.MemberId, cancellationToken);
        if (installation is null)
        {
            return PageResult.Page(404, PageLayout.Refusal("Приложение не установлено на этом портале.", nonce), nonce, frameAncestor);
        }

        var step = request["step"];
        if (step is "save" or "plan" or "apply")
        {
            if (!session.Admin)
            {
                return PageResult.Page(403, PageLayout.Refusal("Изменять настройки может только администратор портала. Ничего не изменено.", nonce), nonce, frameAncestor);
            }

            if (!request.IsSameOrigin())
            {
                return PageResult.Page(403, PageLayout.Refusal("Запрос пришёл не со страницы приложения. Ничего не изменено.", nonce), nonce, frameAncestor);
            }
        }

        var users = await UsersAsync(installation, cancellationToken);
        var template = installation.TemplateKey is null ? null : await templates.GetAsync(installation.TemplateKey);
        var positions = template?.Positions ?? [];
        string? notice = null;
        IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
        string? plan = null;
        switch (step)
        {
            case "save":
                (notice, errors, installation) = await SaveAsync(request, installation, positions, users, cancellationToken);
                break;
            case "plan":
                plan = await PlanAsync(request, installation, cancellationToken);
                break;
            case "apply":
                (notice, installation) = await ApplyAsync(request, installation, cancellationToken);
                break;
        }

        var token = verifier.Token(session);
        var body = (notice is null ? string.Empty : notice)
            + Form(session, token, installation, positions, users, errors)
            + TemplateSection(session, token, installation, request["template"], plan);
        return PageResult.Page(errors.Count > 0 ? 400 : 200, PageLayout.Render("Настройки", session, token, nonce, PagePaths.Settings, body), nonce, frameAncestor);
    }

    private async Task<IReadOnlyList<(long Id, string Name)>> UsersAsync(Installation installation, CancellationToken cancellationToken)
    {
        var users = await clients.For(installation.MemberId, installation.Plan).Users.GetAsync(new JObject { ["ACTIVE"] = true }, cancellationToken);
        return [.. users.Select(u => ((long)u.Id, $"{u.Name} {u.LastName}".Trim())).OrderBy(u => u.Item2, StringComparer.CurrentCulture)];
    }

    private async Task<(string Notice, IReadOnlyDictionary<string, string> Errors, Installation Installation)> SaveAsync(PageRequest request, Installation installation, IReadOnlyList<Position> positions, IReadOnlyList<(long Id, string Name)> users, CancellationToken cancellationToken)
    {
        var (settings, errors) = SettingsForm.Read(request, installation.Settings, [.. positions.Select(p => p.Key)], users.Select(u => u.Id).ToHashSet());
        if (settings is null)
        {
            return (Html.Notice("error", "Настройки не сохранены: исправьте поля, отмеченные ниже."), errors, installation);
        }

        var changes = SettingsForm.Changes(installation.Settings, settings);
        if (!changes.HasValues)
        {
            return (Html.Notice("ok", "Изменений нет."), errors, installation);
        }

        var session = request.Session!;
        var saved = installation with { Settings = settings, UpdatedAt = time.GetUtcNow() };
        await store.Installations.SaveAsync(saved, cancellationToken: cancellationToken);
        await store.Audit.AppendAsync([Audit(session, "settings", $"changed on the settings page by {session.UserName} (user {session.UserId})", new JObject { ["changes"] = changes })], cancellationToken);
        return (Html.Notice("ok", "Настройки сохранены: " + string.Join(", ", changes.Properties().Select(p => p.Name)) + ". Следующие действия приложения уже учитывают их."), errors, saved);
    }

    private async Task<string> PlanAsync(PageRequest request, Installation installation, CancellationToken cancellationToken)
    {
        var key = request["template"];
        if (!Bitrix24Templates().Contains(key))
        {
            return Html.Notice("error", $"Шаблон «{key}» не найден; выберите шаблон из списка.");
        }

        var plan = await provisioner.PlanAsync(installation, key, cancellationToken);
        var rows = plan.Steps.Where(s => s.Action != StepAction.Unchanged).Select(s => new[] { Html.E(Action(s.Action)), Html.E(s.Title), Html.E(s.Note ?? string.Empty) }).ToList();
        var table = rows.Count == 0
            ? "<p id=\"plan-empty\">Портал уже соответствует шаблону: применять нечего.</p>"
            : Html.Table(["Действие", "Что", "Примечание"], rows, "plan-table");
        var apply = rows.Count == 0
            ? string.Empty
            : Html.Form(PagePaths.Settings, verifier.Token(request.Session!), Html.Hidden("step", "apply") + Html.Hidden("template", key), "Применить шаблон", "apply-form");
        return $"<div id=\"plan\"><p>План для «{Html.E(key)}»: {Html.E(plan.Summary())}</p>{table}{apply}</div>";
    }

    private async Task<(string Notice, Installation Installation)> ApplyAsync(PageRequest request, Installation installation, CancellationToken cancellationToken)
    {
        var key = request["template"];
        if (!Bitrix24Templates().Contains(key))
        {
            return (Html.Notice("error", $"Шаблон «{key}» не найден; ничего не применено."), installation);
        }

        var session = request.Session!;
        var changed = installation with { TemplateKey = key, UpdatedAt = time.GetUtcNow() };
        await store.Installations.SaveAsync(changed, cancellationToken: cancellationToken);
        var report = await provisioner.ProvisionAsync(changed, cancellationToken);
        await store.Audit.AppendAsync([Audit(session, "reapply", $"template {key} applied on the settings page by {session.UserName} (user {session.UserId})", report.ToJson())], cancellationToken);
        var text = $"Шаблон «{key}» применён: создано {report.Result.Created}, обновлено {report.Result.Updated}, запросов к порталу {report.Requests}.";
        return (report.Succeeded ? Html.Notice("ok", text) : Html.Notice("error", text + " Ошибки: " + string.Join("; ", report.Result.Failures.Select(f => f.Error))), changed);
    }

    private AuditEntry Audit(PageSession session, string action, string cause, JObject detail) =>
        new() { MemberId = session.MemberId, At = time.GetUtcNow(), Action = action, Cause = cause, Detail = detail };

    private static string Form(PageSession session, string token, Installation installation, IReadOnlyList<Position> positions, IReadOnlyList<(long Id, string Name)> users, IReadOnlyDictionary<string, string> errors)
    {
        var settings = installation.Settings;
        var zone = settings.Value<string>("timeZone") ?? MainPage.Zone(installation).Id;
        var zones = SettingsForm.Zones.Contains(zone) ? SettingsForm.Zones : [zone, .. SettingsForm.Zones];
        var workDays = (settings["workDays"] as JArray)?.Select(d => d.ToString()).ToHashSet() ?? ["mon", "tue", "wed", "thu", "fri"];
        var holidays = string.Join(", ", (settings["holidays"] as JArray)?.Select(d => d.ToString()) ?? []);
        var html = new StringBuilder();
        html.Append(Field("timeZone", "Часовой пояс", Select("timeZone", zones.Select(z => (z, z)), zone), errors));
        html.Append(Field("workDays", "Рабочие дни", "<div class=\"days\">" + string.Concat(SettingsForm.Days.Select(d =>
            $"<label><input type=\"checkbox\" name=\"workDays\" value=\"{d.Name}\"{(workDays.Contains(d.Name) ? " checked" : string.Empty)}> {d.Label}</label>")) + "</div>", errors));
        html.Append(Field("holidays", "Праздничные дни (ГГГГ-ММ-ДД через запятую)", $"<textarea name=\"holidays\" id=\"holidays\" rows=\"2\">{Html.E(holidays)}</textarea>", errors));
        var options = users.Select(u => (u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Name)).ToList();
        html.Append(Field("supervisor", "Руководитель (получает уведомления о застрявших лидах и сделках)", Select("supervisor", [(string.Empty, "— руководитель отдела ответственного —"), .. options], settings.Value<string>("supervisor") ?? string.Empty), errors));
        foreach (var position in positions)
        {
            var field = "position:" + position.Key;
            html.Append(Field(field, $"Должность «{position.Name.Get()}»", Select(field, [(string.Empty, "— не назначено —"), .. options], settings["positions"]?.Value<string>(position.Key) ?? string.Empty), errors));
        }

        var readOnly = session.Admin ? string.Empty : " disabled";
        var body = $"<fieldset{readOnly} id=\"settings-fields\">{html}</fieldset>";
        return session.Admin
            ? $"<section id=\"settings\">{Html.Form(PagePaths.Settings, token, Html.Hidden("step", "save") + body, "Сохранить", "settings-form")}</section>"
            : $"<section id=\"settings\">{Html.Notice("warn", "Изменять настройки может только администратор портала.")}{body}</section>";
    }

    private static string TemplateSection(PageSession session, string token, Installation installation, string chosen, string? plan)
    {
        if (!session.Admin)
        {
            return string.Empty;
        }

        var current = chosen.Length > 0 ? chosen : installation.TemplateKey ?? string.Empty;
        var select = Select("template", Bitrix24Templates().Select(t => (t, t)), current);
        return $"<section id=\"template-choice\"><h3>Шаблон</h3><p>Сначала приложение покажет план: что будет создано и изменено на портале.</p>"
            + Html.Form(PagePaths.Settings, token, Html.Hidden("step", "plan") + $"<label for=\"template\">Шаблон</label>{select}", "Показать план", "plan-form", "button secondary")
            + (plan ?? string.Empty) + "</section>";
    }

    private static IReadOnlyList<string> Bitrix24Templates() =>
        [.. TemplateCatalog.Default().List().Where(t => t.Crm == CrmKind.Bitrix24).Select(t => t.Name)];

    private static string Field(string name, string label, string control, IReadOnlyDictionary<string, string> errors) =>
        $"<label for=\"{Html.E(name)}\">{Html.E(label)}</label>{control}"
        + (errors.TryGetValue(name, out var error) ? $"<div class=\"problem\" data-error-for=\"{Html.E(name)}\">{Html.E(error)}</div>" : string.Empty);

    private static string Select(string name, IEnumerable<(string Value, string Text)> options, string selected) =>
        $"<select name=\"{Html.E(name)}\" id=\"{Html.E(name)}\">"
        + string.Concat(options.Select(o => $"<option value=\"{Html.E(o.Value)}\"{(o.Value == selected ? " selected" : string.Empty)}>{Html.E(o.Text)}</option>"))
        + "</select>";

    private static string Action(StepAction action) => action switch
    {
        StepAction.Create => "создать",
        StepAction.Update => "изменить",
        StepAction.Adopt => "взять под управление",
        StepAction.Conflict => "конфликт (не трогаем)",
        StepAction.Skipped => "не входит в тариф",
        StepAction.RunByApp => "выполняет приложение",
        StepAction.Delete => "удалить",
        StepAction.Keep => "оставить",
        _ => action.ToString(),
    };
}
