using System.Net;
using System.Text;
using Crm.Connector.Functions.Http;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The short page the admin's browser shows after the consent redirect. Every piece of text is HTML-escaped: parts of
/// it (the account host, an error) come from the request or from amoCRM.
/// </summary>
public static class AmoInstallPage
{
    /// <summary>A page with <paramref name="title"/> and one paragraph per line; <paramref name="code"/> (an error code) shown when given.</summary>
    public static HttpOutput Render(int status, string title, IEnumerable<string> lines, string? code = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</title></head><body><h1>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</h1>");
        foreach (var line in lines)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
        }

        if (code is not null)
        {
            html.Append("<p>Error: <code id=\"error\">").Append(WebUtility.HtmlEncode(code)).Append("</code></p>");
        }

        return new HttpOutput(status, html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
    }

    /// <summary>A refusal page: status, error code and what to do.</summary>
    public static HttpOutput Refusal(int status, string code, string description) =>
        Render(status, "crm-connector was not installed", [description], code);
}
