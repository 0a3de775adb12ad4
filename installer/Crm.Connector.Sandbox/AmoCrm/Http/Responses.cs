using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>Writes answers: JSON with its content type, or none for 204.</summary>
internal static class Responses
{
    /// <summary>§9: the IP block page is nginx's HTML, not JSON.</summary>
    public const string BlockedPage = "<html>\r\n<head><title>403 Forbidden</title></head>\r\n<body>\r\n<center><h1>403 Forbidden</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public static async Task WriteAsync(HttpContext context, ApiResult result, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = result.Status;
        if (result.Body is null || result.Status == StatusCodes.Status204NoContent)
        {
            return;
        }

        context.Response.ContentType = result.ContentType + "; charset=utf-8";
        await WriteTextAsync(context, result.Body.ToString(Formatting.None), cancellationToken);
    }

    public static Task WriteJsonAsync(HttpContext context, int status, JToken body, CancellationToken cancellationToken, string contentType = "application/json") =>
        WriteAsync(context, new ApiResult(status, body, contentType), cancellationToken);

    public static async Task WriteBlockedAsync(HttpContext context, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/html";
        await WriteTextAsync(context, BlockedPage, cancellationToken);
    }

    /// <summary>§9: 429 with <c>retry_after</c> in seconds, also as the Retry-After header.</summary>
    public static Task WriteTooManyAsync(HttpContext context, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problem = ApiProblem.Of(429, "You have sent too many requests. Please, try again later.");
        ((JObject)problem.Body!)["retry_after"] = seconds;
        return WriteAsync(context, problem, cancellationToken);
    }

    private static async Task WriteTextAsync(HttpContext context, string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken);
    }
}
