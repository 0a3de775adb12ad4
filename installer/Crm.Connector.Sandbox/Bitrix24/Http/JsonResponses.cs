using System.Text;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>Writes JSON answers.</summary>
internal static class JsonResponses
{
    public static async Task WriteAsync(HttpContext context, int status, JToken body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(body.ToString(Formatting.None));
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, cancellationToken);
    }

    /// <summary><c>{"error": code, "error_description": text}</c> (§12.4).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string code, string description, JObject? time, CancellationToken cancellationToken)
    {
        var body = new JObject { ["error"] = code, ["error_description"] = description };
        if (time is not null)
        {
            body["time"] = time;
        }

        return WriteAsync(context, status, body, cancellationToken);
    }
}
