using Microsoft.AspNetCore.Mvc;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Http;

/// <summary>An HTTP answer of a function: status, body and content type, turned into an <see cref="IActionResult"/> at the edge.</summary>
public sealed record HttpOutput(int StatusCode, string Body, string ContentType)
{
    /// <summary>A JSON body.</summary>
    public static HttpOutput Json(int statusCode, JToken body) => new(statusCode, body.ToString(Formatting.None), "application/json; charset=utf-8");

    /// <summary>A JSON error body <c>{"error": code, "error_description": text}</c> (the form Bitrix24 itself uses).</summary>
    public static HttpOutput Error(int statusCode, string code, string description) =>
        Json(statusCode, new JObject { ["error"] = code, ["error_description"] = description });

    /// <summary>The answer as ASP.NET Core writes it (the worker's HTTP integration and the local host alike).</summary>
    public IActionResult ToActionResult() => new ContentResult { StatusCode = StatusCode, Content = Body, ContentType = ContentType };
}
