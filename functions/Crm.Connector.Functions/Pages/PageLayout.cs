namespace Crm.Connector.Functions.Pages;

/// <summary>The frame every page shares: the title, who is looking, the menu (as forms carrying the session) and the styles.</summary>
public static class PageLayout
{
    private const string Styles = """
        body{font:14px/1.45 "Segoe UI",Arial,sans-serif;color:#333;margin:0;background:#eef2f4}
        header{background:#2fc6f6;color:#fff;padding:10px 18px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
        header h1{font-size:18px;margin:0 12px 0 0}
        header .who{margin-left:auto;font-size:13px}
        nav{display:flex;gap:6px}
        nav form{margin:0}
        nav button{background:rgba(255,255,255,.2);color:#fff;border:0;border-radius:3px;padding:5px 10px;cursor:pointer}
        nav button[aria-current]{background:#fff;color:#2fc6f6}
        main{padding:16px 18px;max-width:1200px}
        section{background:#fff;border-radius:6px;padding:12px 16px;margin:0 0 14px}
        h2{font-size:16px;margin:4px 0 10px}
        table{border-collapse:collapse;width:100%;font-size:13px}
        th,td{border-bottom:1px solid #e5e8ea;padding:5px 8px;text-align:left;vertical-align:top}
        th{background:#f5f7f8;font-weight:600}
        .button{background:#bbed21;border:0;border-radius:3px;padding:7px 14px;font-weight:600;cursor:pointer;color:#535c69}
        .button.secondary{background:#e0e5e8}
        .notice{padding:8px 12px;border-radius:4px;margin:8px 0}
        .notice.ok{background:#e6f7d2}
        .notice.error{background:#ffe1e1}
        .notice.warn{background:#fff3cd}
        .problem{color:#c0392b}
        .warning{color:#a66a00}
        .muted{color:#80868e}
        label{display:block;margin:8px 0 3px;font-weight:600}
        input[type=text],select,textarea{width:100%;max-width:460px;padding:5px;border:1px solid #c6cdd3;border-radius:3px;font:inherit}
        .days label{display:inline-block;font-weight:400;margin-right:10px}
        .row-actions{display:flex;gap:8px;align-items:center;margin-top:12px;flex-wrap:wrap}
        progress{width:100%;max-width:460px;height:18px}
        .wide{overflow-x:auto}
        #preview-table td:nth-child(3){min-width:260px}
        """;

    /// <summary>A whole page: <paramref name="body"/> is HTML already; <paramref name="current"/> is the menu item to mark.</summary>
    public static string Render(string title, PageSession session, string token, string nonce, string current, string body, string? script = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var menu = string.Concat(new[] { (PagePaths.Main, "Главная"), (PagePaths.Settings, "Настройки"), (PagePaths.Import, "Загрузка из Excel") }
            .Select(item => $"<form method=\"post\" action=\"{item.Item1}\">{Html.Hidden("session", token)}<button type=\"submit\"{(item.Item1 == current ? " aria-current=\"page\"" : string.Empty)}>{Html.E(item.Item2)}</button></form>"));
        return $"""
            <!DOCTYPE html>
            <html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html.E(title)} — Crm.Connector</title><style nonce="{nonce}">{Styles}</style></head>
            <body><header><h1>Crm.Connector</h1><nav>{menu}</nav>
            <span class="who" id="who">{Html.E(session.UserName)} · {(session.Admin ? "администратор портала" : "сотрудник")}</span></header>
            <main><h2>{Html.E(title)}</h2>{body}</main>
            {(script is null ? string.Empty : $"<script nonce=\"{nonce}\">{script}</script>")}
            </body></html>
            """;
    }

    /// <summary>A page for a refused request: no menu (there is no session), the message and what to do.</summary>
    public static string Refusal(string message, string nonce) => $"""
        <!DOCTYPE html>
        <html lang="ru"><head><meta charset="utf-8"><title>Crm.Connector</title><style nonce="{nonce}">{Styles}</style></head>
        <body><header><h1>Crm.Connector</h1></header><main><section><p class="notice error" id="refusal" role="alert">{Html.E(message)}</p></section></main></body></html>
        """;
}
