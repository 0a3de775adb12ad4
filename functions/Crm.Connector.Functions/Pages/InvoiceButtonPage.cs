using System.Globalization;
using System.Security.Cryptography;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.Bitrix24.Work;
using Crm.Connector.Functions.Work;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Processes;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// The deal card's «Выставить счет» (seed 004): the manager chooses the full amount or half as prepayment, and the app
/// runs the template's invoice process for that deal — through the worker's pipeline, as a fact in the deal's inbox,
/// so the invoice, the «Все ОК, ожидаем машину» notice and the move to «Ждем машину» happen once however often the
/// button is pressed or the request repeated. The deal is the one the portal opened the button on (kept in the signed
/// session), never one named by the form.
/// </summary>
public sealed class InvoiceButtonPage(IStore store, TemplateProvider templates, PortalClients clients, FrameVerifier verifier, TimeProvider time)
{
    /// <summary>The placement a deal card's button is bound to.</summary>
    public const string DealToolbar = "CRM_DEAL_DETAIL_TOOLBAR";

    /// <summary>The answer, and the drain request for the worker when a press was accepted.</summary>
    public async Task<(PageResult Page, string? Drain)> HandleAsync(PageRequest request, string placementKey, string nonce, string? frameAncestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = request.Session!;
        var (deal, refusal) = await ContextAsync(session, placementKey, cancellationToken);
        if (deal is null)
        {
            return (PageResult.Page(refusal!.Value.Status, PageLayout.Refusal(refusal.Value.Message, nonce), nonce, frameAncestor), null);
        }

        var token = verifier.Token(session);
        switch (request["step"])
        {
            case "run":
                if (!request.IsSameOrigin())
                {
                    return (PageResult.Page(403, PageLayout.Refusal("Запрос пришёл не со страницы приложения. Счёт не выставлен.", nonce), nonce, frameAncestor), null);
                }

                var press = request["press"];
                if (press.Length is < 16 or > 64 || !press.All(char.IsAsciiHexDigit))
                {
                    return (PageResult.Page(400, PageLayout.Refusal("Нажатие кнопки не распознано; откройте карточку сделки заново.", nonce), nonce, frameAncestor), null);
                }

                var split = request["split"] == "Y";
                var accepted = await AcceptAsync(session, deal, press, split, cancellationToken);
                return (PageResult.Page(202, Running(session, token, nonce, placementKey, deal, press, split), nonce, frameAncestor), accepted ? WorkMessage.Drain(session.MemberId) : null);
            case "status":
                return (PageResult.Json(200, await StatusAsync(session, deal, request["press"], cancellationToken)), null);
            default:
                return (PageResult.Page(200, Choice(session, token, nonce, placementKey, deal), nonce, frameAncestor), null);
        }
    }

    /// <summary>The deal and the process it runs, or why the button cannot run here.</summary>
    private async Task<(DealContext? Deal, (int Status, string Message)? Refusal)> ContextAsync(PageSession session, string placementKey, CancellationToken cancellationToken)
    {
        if (session.Placement != DealToolbar || JObject.Parse(session.PlacementOptions).Value<string>("ID") is not { } idText
            || !long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var dealId) || dealId <= 0)
        {
            return (null, (400, "Эта страница открывается кнопкой «Выставить счет» в карточке сделки."));
        }

        var installation = await store.Installations.GetAsync(session.MemberId, cancellationToken);
        var template = installation?.TemplateKey is null ? null : await templates.GetAsync(installation.TemplateKey);
        var placement = template?.Placements.FirstOrDefault(p => p.Key == placementKey);
        if (installation is null || placement is null || template!.Processes.OfType<InvoiceProcess>().FirstOrDefault(p => p.Key == placement.Process) is not { } process)
        {
            return (null, (404, $"Кнопки «{placementKey}» нет в установленном шаблоне (или она не выставляет счета). Переустановите шаблон на странице настроек."));
        }

        var client = clients.For(installation.MemberId, installation.Plan);
        var raw = (await client.CallAsync("crm.deal.get", new JObject { ["id"] = dealId }, cancellationToken)).Result as JObject
            ?? throw new InvalidOperationException("crm.deal.get answered no deal.");
        var ledger = await store.Ledgers.LoadAsync(installation.MemberId, template.Key, cancellationToken);
        var mapper = new ItemMapper(template, ledger);

        // The portal shows the button on every deal card (a placement cannot be limited to a pipeline): the app acts only in
        // the pipelines the template lists for it.
        var pipelines = placement.Pipelines.Count > 0 ? placement.Pipelines : [process.Pipeline];
        if (!pipelines.Any(p => mapper.PipelineId(p) is { } category && raw.Value<string>("CATEGORY_ID") == category))
        {
            var names = string.Join(", ", pipelines.Select(p => "«" + (template.Pipelines.FirstOrDefault(x => x.Key == p)?.Name.Get() ?? p) + "»"));
            return (null, (409, $"Кнопка «{placement.Title.Get()}» выставляет счета по сделкам направлений {names}; эта сделка — в другом направлении. Ничего не сделано."));
        }

        return (new DealContext(installation, template, process, dealId, raw), null);
    }

    /// <summary>
    /// The press, once: an audit entry keyed by the press is its record (who pressed, what was chosen), and only the
    /// request that wrote it hands the fact to the worker — the inbox reopens a finished key (events must be read
    /// again), and an invoice must not be issued again.
    /// </summary>
    private async Task<bool> AcceptAsync(PageSession session, DealContext deal, string press, bool split, CancellationToken cancellationToken)
    {
        var dealId = deal.Id.ToString(CultureInfo.InvariantCulture);
        var key = $"{session.MemberId}:button:deal:{dealId}:{press.ToLowerInvariant()}";
        var pressed = new AuditEntry
        {
            MemberId = session.MemberId,
            At = time.GetUtcNow(),
            Entity = "deal",
            ItemId = deal.Id,
            Action = "buttonPressed",
            Cause = $"«Выставить счет» pressed by {session.UserName} (user {session.UserId.ToString(CultureInfo.InvariantCulture)}): {(split ? "half as prepayment" : "full amount")}",
            Key = key,
        };
        if (await store.Audit.AppendAsync([pressed], cancellationToken) == 0)
        {
            return false;
        }

        var facts = new JObject { ["pressedBy"] = session.UserId.ToString(CultureInfo.InvariantCulture) };
        if (deal.Process.SplitParameter is { } parameter)
        {
            facts[parameter] = split ? "Y" : "N";
        }

        await store.Inbox.TryAcceptAsync(
            new InboxItem
            {
                Key = key,
                MemberId = session.MemberId,
                Kind = InboxKinds.Fact,
                Entity = "deal",
                ItemId = deal.Id,
                Payload = new JObject { ["process"] = deal.Process.Key, ["facts"] = facts },
                ReceivedAt = time.GetUtcNow(),
            },
            cancellationToken);
        return true;
    }

    /// <summary>What the process did for the deal since the press: the invoice, the move, the notice — from the audit.</summary>
    private async Task<JObject> StatusAsync(PageSession session, DealContext deal, string press, CancellationToken cancellationToken)
    {
        var entries = await store.Audit.ListAsync(session.MemberId, "deal", deal.Id, 20, cancellationToken);
        var done = entries.FirstOrDefault(e => e.Action != "buttonPressed" && e.Cause.StartsWith(deal.Process.Key + ":", StringComparison.Ordinal) && e.At >= PressedAt(press));
        if (done is null)
        {
            return new JObject { ["done"] = false };
        }

        var lines = new JArray();
        if (done.Detail["invoice"] is not null)
        {
            var reason = done.Detail.Value<string>("reason") ?? done.Cause;
            var amount = AmountIn(reason);
            lines.Add($"Счёт выставлен{(amount is null ? string.Empty : " на " + Html.Money(amount.Value))}{(reason.Contains("prepayment", StringComparison.Ordinal) ? " как предоплата" : string.Empty)} и отправлен контакту сделки.");
        }
        else
        {
            lines.Add("Счёт не выставлен: " + (done.Detail.Value<string>("reason") ?? done.Cause));
        }

        if (done.Detail.Value<string>("movedTo") is { } moved)
        {
            var code = moved[(moved.LastIndexOf('/') + 1)..];
            var stage = deal.Template.Pipelines.FirstOrDefault(p => p.Key == deal.Process.Pipeline)?.Stages.FirstOrDefault(s => s.Code == code)?.Name.Get() ?? code;
            lines.Add($"Сделка переведена на стадию «{stage}».");
        }

        return new JObject { ["done"] = true, ["lines"] = lines };
    }

    /// <summary>The amount in a decision's reason, e.g. <c>invoice: 15000.00 (prepayment)</c>.</summary>
    private static decimal? AmountIn(string reason) =>
        System.Text.RegularExpressions.Regex.Match(reason, @"(\d+\.\d{2})") is { Success: true } match ? decimal.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    /// <summary>A press nonce starts with the unix milliseconds it was rendered at (so its status only counts what came after).</summary>
    private static DateTimeOffset PressedAt(string press) =>
        press.Length >= 12 && long.TryParse(press[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).AddSeconds(-5)
            : DateTimeOffset.MinValue;

    private string NewPress() => time.GetUtcNow().ToUnixTimeMilliseconds().ToString("x12", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    private string Choice(PageSession session, string token, string nonce, string placementKey, DealContext deal)
    {
        var amount = Number(deal.Raw.Value<string>("OPPORTUNITY")) ?? 0;
        var remaining = deal.Process.RemainingField is { } field ? Number(deal.Raw.Value<string>(ItemMapper.RawName(field))) : null;
        var full = Invoice.Amount(deal.Process, amount, remaining, split: false);
        var half = Invoice.Amount(deal.Process, amount, remaining, split: true);
        var press = NewPress();
        var fields = Html.Hidden("step", "run") + Html.Hidden("press", press);
        var body = $"""
            <section id="deal"><p>Сделка <b>{Html.E(deal.Raw.Value<string>("TITLE"))}</b> (№ {Html.E(deal.Id)}): сумма {Html.Money(amount)}{(remaining is null ? string.Empty : $", осталось оплатить {Html.Money(remaining.Value)}")}.</p>
            <p>Выберите, на какую сумму выставить счёт. Счёт уйдёт контакту сделки, менеджер получит уведомление, сделка перейдёт дальше.</p>
            <form method="post" action="{Html.E(PagePaths.Placement(placementKey))}" id="invoice-form">{Html.Hidden("session", token)}{fields}
            <div class="row-actions"><button type="submit" class="button" name="split" value="N" id="invoice-full">Полная сумма — {Html.E(Html.Money(full))}</button>
            <button type="submit" class="button secondary" name="split" value="Y" id="invoice-half">Половина как предоплата — {Html.E(Html.Money(half))}</button></div></form></section>
            """;
        return PageLayout.Render("Выставить счет", session, token, nonce, string.Empty, body);
    }

    private static string Running(PageSession session, string token, string nonce, string placementKey, DealContext deal, string press, bool split)
    {
        var body = $"""
            <section id="invoice-run"><p id="invoice-status" role="status">Выставляем счёт{(split ? " на предоплату" : string.Empty)} по сделке «{Html.E(deal.Raw.Value<string>("TITLE"))}»…</p><ul id="invoice-lines"></ul></section>
            <form id="status-form" method="post" action="{Html.E(PagePaths.Placement(placementKey))}">{Html.Hidden("session", token)}{Html.Hidden("step", "status")}{Html.Hidden("press", press)}</form>
            """;
        const string script = """
            (function(){const f=document.getElementById('status-form');let n=0;
            async function poll(){n++;const r=await fetch(f.action,{method:'POST',body:new FormData(f)});const s=await r.json();
            if(s.done){document.getElementById('invoice-status').textContent='Готово:';const ul=document.getElementById('invoice-lines');
            for(const l of s.lines){const li=document.createElement('li');li.textContent=l;ul.appendChild(li);}return;}
            if(n<120){setTimeout(poll,1000);}else{document.getElementById('invoice-status').textContent='Счёт ещё выставляется; обновите карточку сделки позже.';}}
            poll();})();
            """;
        return PageLayout.Render("Выставить счет", session, token, nonce, string.Empty, body, script);
    }

    private static decimal? Number(string? text) =>
        decimal.TryParse((text ?? string.Empty).Split('|')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;

    private sealed record DealContext(Installation Installation, CrmTemplate Template, InvoiceProcess Process, long Id, JObject Raw);
}
