using System.Globalization;
using System.Net;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// The pages' HTML pieces. Every value from the CRM, a file or a user goes through <see cref="E(string?)"/>: a cell holding
/// <c>&lt;script&gt;</c> is shown as text, never run.
/// </summary>
public static class Html
{
    private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

    /// <summary>HTML-encoded text (quotes too, so it is safe in attributes).</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    public static string E(long number) => number.ToString("N0", Russian);

    /// <summary>An amount in roubles, e.g. «15 000,00 ₽».</summary>
    public static string Money(decimal amount) => amount.ToString("N2", Russian) + " ₽";

    /// <summary>A moment in the portal's time zone, e.g. «07.12.2026 14:05».</summary>
    public static string When(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A form posting to <paramref name="action"/> with the session, its fields and a submit button (<paramref name="hidden"/> until a script shows it).</summary>
    public static string Form(string action, string session, string fields, string button, string? id = null, string css = "button", bool multipart = false, bool hidden = false) =>
        $"<form{(hidden ? " hidden" : string.Empty)} method=\"post\" action=\"{E(action)}\"{(id is null ? string.Empty : $" id=\"{E(id)}\"")}{(multipart ? " enctype=\"multipart/form-data\"" : string.Empty)}>"
        + Hidden("session", session) + fields
        + $"<button type=\"submit\" class=\"{css}\">{E(button)}</button></form>";

    public static string Hidden(string name, string value) => $"<input type=\"hidden\" name=\"{E(name)}\" value=\"{E(value)}\">";

    /// <summary>A table with a header row; cells are HTML already.</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows, string? id = null) =>
        $"<table{(id is null ? string.Empty : $" id=\"{E(id)}\"")}><thead><tr>{string.Concat(headers.Select(h => $"<th>{E(h)}</th>"))}</tr></thead><tbody>"
        + string.Concat(rows.Select(r => "<tr>" + string.Concat(r.Select(c => $"<td>{c}</td>")) + "</tr>"))
        + "</tbody></table>";

    public static string Notice(string kind, string text) => $"<p class=\"notice {E(kind)}\" role=\"status\">{E(text)}</p>";
}
