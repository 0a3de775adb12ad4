using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.OneC;

/// <summary>
/// The one place where 1C's answers become <see cref="OneCException"/>s. Reads the error body by its Content-Type first:
/// JSON <c>{"odata.error":{"code","message":{"value"}}}</c> (the key has a dot), XML <c>&lt;m:error&gt;&lt;m:code&gt;…</c>,
/// or an HTML page (the web server's 401, a cloud's error page), which is never parsed for a code.
/// </summary>
internal static class OneCErrorMap
{
    private const int MaxMessage = 400;

    /// <summary>The error an answer with a non-2xx status stands for.</summary>
    public static OneCException FromAnswer(OneCCall call, int status, string? contentType, string? body)
    {
        var (code, message) = Parse(contentType, body);
        var said = message is null ? "" : ": " + message;
        var where = call.EntitySet;

        if (code == "20" || status == 403)
        {
            return new(OneCErrorKind.Forbidden, $"1C does not allow this user {call.Verb} {where} (HTTP {status}{CodeText(code)}{said}). Give the user a role with rights to it in 1C, or set allowed-only reading.", code, status);
        }

        if (status == 401)
        {
            var who = IsHtml(contentType, body) ? "the web server in front of 1C" : "1C";
            return new(OneCErrorKind.Unauthorized, $"{Capital(who)} refused the login while {call.Verb} {where} (HTTP 401{said}). Check the user name and password, that the 1C user has \"Аутентификация 1С:Предприятия\" with a password, and in a cloud use the credentials the provider gives for OData.", code, status);
        }

        if (code == "15" || (message?.Contains("уникальност", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return new(OneCErrorKind.Duplicate, $"1C already has an object with this key in {where} (HTTP {status}{CodeText(code)}{said}).", code, status);
        }

        if (code == "-1")
        {
            return new(OneCErrorKind.Business, $"1C's own rules refused {call.Verb} {where}{said}. Correct the data in 1C or in the CRM; the same request will be refused again.", code, status);
        }

        if (code == "8" || (code is null && status == 404 && !call.OneEntity))
        {
            return new(OneCErrorKind.NotPublished, $"{where} is not published in the base's OData interface (HTTP {status}{CodeText(code)}{said}). In 1C open \"Все функции → Обработки → Настройка стандартного интерфейса OData\", tab \"Состав\", tick it and save (Publish it in the OData composition).", code, status);
        }

        if (code == "9" || status == 404)
        {
            return new(OneCErrorKind.NotFound, $"1C has no such object in {where} (HTTP {status}{CodeText(code)}{said}).", code, status);
        }

        if (code is not null && int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 21)
        {
            return BadRequest(call, status, code, said);
        }

        if (status >= 500 || status == 408)
        {
            return call.Write
                ? new(OneCErrorKind.UnknownOutcome, $"1C failed while {call.Verb} {where} (HTTP {status}{said}); it may have been done. Look for it before sending it again.", code, status)
                : new(OneCErrorKind.Unavailable, $"1C failed while {call.Verb} {where} (HTTP {status}{said}). Try again later; if it lasts, ask the 1C administrator to check the web server.", code, status);
        }

        if (status >= 400)
        {
            return BadRequest(call, status, code, said);
        }

        return NotJson(call, status, contentType);
    }

    /// <summary>A 2xx (or an unexpected 1xx/3xx) whose body is not the JSON expected: an HTML page, a cut-off body.</summary>
    public static OneCException NotJson(OneCCall call, int status, string? contentType)
    {
        var what = IsHtml(contentType, null) ? "a web page" : $"\"{contentType ?? "no content type"}\"";
        return call.Write
            ? new(OneCErrorKind.UnknownOutcome, $"1C answered {call.Verb} {call.EntitySet} with {what} instead of JSON (HTTP {status}); it may have been done. Look for it before sending it again.", null, status)
            : new(OneCErrorKind.InvalidAnswer, $"1C answered {call.Verb} {call.EntitySet} with {what} instead of JSON (HTTP {status}); often a cloud's or proxy's error page or missing rights. Try again later; if it lasts, open the base's OData address in a browser.", null, status);
    }

    /// <summary>No answer: refused, reset, timed out, cut off.</summary>
    public static OneCException Lost(OneCCall call, string what, bool mayHaveRun, int? status, Exception? inner) =>
        call.Write && mayHaveRun
            ? new(OneCErrorKind.UnknownOutcome, $"The answer to {call.Verb} {call.EntitySet} was lost ({what}); it may have been done. Look for it before sending it again.", null, status, inner)
            : new(OneCErrorKind.Unavailable, $"1C did not answer {call.Verb} {call.EntitySet} ({what}). Check that the base's web server is running and reachable; try again later.", null, status, inner);

    /// <summary>1C's code and message from a JSON or XML error body; nothing from HTML or anything else.</summary>
    public static (string? Code, string? Message) Parse(string? contentType, string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || IsHtml(contentType, body))
        {
            return (null, null);
        }

        var trimmed = body.TrimStart();
        if (IsJson(contentType) || trimmed.StartsWith('{'))
        {
            return ParseJson(body);
        }

        if ((contentType?.Contains("xml", StringComparison.OrdinalIgnoreCase) ?? false) || trimmed.StartsWith('<'))
        {
            return ParseXml(body);
        }

        return (null, null);
    }

    public static bool IsJson(string? contentType) => contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) ?? false;

    public static bool IsHtml(string? contentType, string? body)
    {
        if (contentType?.Contains("html", StringComparison.OrdinalIgnoreCase) ?? false)
        {
            return true;
        }

        var start = body?.TrimStart();
        return start is not null && (start.StartsWith("<!DOCTYPE html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase));
    }

    private static (string? Code, string? Message) ParseJson(string body)
    {
        try
        {
            var error = JObject.Parse(body) is { } root ? (root["odata.error"] ?? root["error"]) as JObject : null;
            if (error is null)
            {
                return (null, null);
            }

            var message = error["message"] switch
            {
                JObject m => m.Value<string>("value"),
                JValue v => v.ToString(CultureInfo.InvariantCulture),
                _ => null,
            };
            return (error["code"]?.ToString(), Shorten(message));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static (string? Code, string? Message) ParseXml(string body)
    {
        try
        {
            var error = XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "error");
            if (error is null)
            {
                return (null, null);
            }

            var code = error.Elements().FirstOrDefault(e => e.Name.LocalName == "code")?.Value.Trim();
            var message = error.Elements().FirstOrDefault(e => e.Name.LocalName == "message")?.Value.Trim();
            return (string.IsNullOrEmpty(code) ? null : code, Shorten(message));
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    private static OneCException BadRequest(OneCCall call, int status, string? code, string said) =>
        new(OneCErrorKind.BadRequest, $"1C could not accept the request {call.Verb} {call.EntitySet} (HTTP {status}{CodeText(code)}{said}). This is the connector's mistake or a field this base lacks; report it with this message.", code, status);

    private static string CodeText(string? code) => code is null ? "" : ", code " + code;

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string? Shorten(string? message) =>
        string.IsNullOrWhiteSpace(message) ? null : message.Length <= MaxMessage ? message.Trim() : message[..MaxMessage].Trim() + "…";
}
