using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Invocation;

/// <summary>
/// An HTTP response as the <c>res</c> output (§5.2): an object with a numeric <c>statusCode</c>, a string
/// <c>body</c> and string-valued <c>headers</c> (a null header value makes the host answer 500, so none is ever null).
/// </summary>
public sealed record HttpOutput(int StatusCode, string Body, string ContentType)
{
    public JObject ToJson() => new()
    {
        ["statusCode"] = StatusCode,
        ["body"] = Body,
        ["headers"] = new JObject { ["Content-Type"] = ContentType },
    };

    /// <summary>A JSON body.</summary>
    public static HttpOutput Json(int statusCode, JToken body) => new(statusCode, body.ToString(Formatting.None), "application/json; charset=utf-8");

    /// <summary>A JSON error body <c>{"error": code, "error_description": text}</c> (the form Bitrix24 itself uses).</summary>
    public static HttpOutput Error(int statusCode, string code, string description) =>
        Json(statusCode, new JObject { ["error"] = code, ["error_description"] = description });

    /// <summary>The <c>res</c> value of a host response; throws <see cref="InvalidDataException"/> when it is not a usable one.</summary>
    public static HttpOutput From(JToken? res)
    {
        if (res is not JObject o)
        {
            throw new InvalidDataException("Outputs.res must be an object with statusCode, body and headers.");
        }

        var status = o["statusCode"] ?? o[nameof(StatusCode)];
        var code = status is null || status.Type == JTokenType.Null ? 200 : int.Parse(status.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        var body = (o["body"] ?? o[nameof(Body)]) switch
        {
            null or JValue { Type: JTokenType.Null } => string.Empty,
            JValue { Type: JTokenType.String } text => text.Value<string>()!,
            JContainer container => container.ToString(Formatting.Indented),
            var other => other.ToString(),
        };
        var contentType = (o["headers"] ?? o["Headers"])?["Content-Type"]?.Value<string>() ?? "text/plain; charset=utf-8";
        return new HttpOutput(code, body, contentType);
    }
}
