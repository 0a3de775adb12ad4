using System.Text;
using Crm.Connector.Sandbox.OneC.Core;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Http;

/// <summary>Writes answers: JSON, the <c>odata.error</c> body (§1.7), and the HTML pages of the web server in front of 1C.</summary>
internal static class Answers
{
    public const string JsonType = "application/json;charset=utf-8";

    /// <summary>Apache's 401 page; the status and <c>WWW-Authenticate: Basic</c> are what clients act on (§1.1).</summary>
    public const string UnauthorizedPage = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>401 Unauthorized</title>\n</head><body>\n<h1>Unauthorized</h1>\n<p>This server could not verify that you\nare authorized to access the document\nrequested.</p>\n</body></html>\n";

    /// <summary>Apache's 503 page when the 1C server behind it does not answer.</summary>
    public const string UnavailablePage = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>503 Service Unavailable</title>\n</head><body>\n<h1>Service Unavailable</h1>\n<p>The server is temporarily unable to service your\nrequest due to maintenance downtime or capacity\nproblems. Please try again later.</p>\n</body></html>\n";

    /// <summary>An error page served with status 200 (§1.7: 1cFresh/proxies on a 1C exception or missing rights).</summary>
    public const string HtmlOkPage = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Ошибка</title></head>\n<body><h1>Ошибка при выполнении операции</h1>\n<p>Недостаточно прав для выполнения операции или сеанс завершён. Обратитесь к администратору.</p></body></html>\n";

    public static Task JsonAsync(HttpContext context, int status, JToken body, CancellationToken cancellationToken) =>
        TextAsync(context, status, JsonType, body.ToString(Formatting.None), cancellationToken);

    public static Task ErrorAsync(HttpContext context, ODataException error, CancellationToken cancellationToken) =>
        JsonAsync(context, error.Status, new JObject
        {
            ["odata.error"] = new JObject
            {
                ["code"] = error.Code,
                ["message"] = new JObject { ["lang"] = "ru", ["value"] = error.Message },
            },
        }, cancellationToken);

    public static Task HtmlAsync(HttpContext context, int status, string page, CancellationToken cancellationToken) =>
        TextAsync(context, status, "text/html; charset=utf-8", page, cancellationToken);

    public static async Task TextAsync(HttpContext context, int status, string contentType, string text, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken);
    }
}
