using System.Globalization;
using System.Net;
using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>The one place where amoCRM's error answers become exceptions (amocrm-api.md §9).</summary>
public static class AmoCrmErrorMapper
{
    /// <summary>The exception for an error answer (any status but 2xx).</summary>
    public static AmoCrmException Map(string call, HttpStatusCode status, string? body, string? requestId, AmoErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = AmoJson.TryParseObject(body);
        var title = problem?.Value<string>("title") ?? status.ToString();
        var detail = problem?.Value<string>("detail") ?? problem?.Value<string>("hint") ?? What(body);
        if (IsIpBlock(status, problem))
        {
            return new AmoCrmAccountBlockedException(call, context.AccountKey, context.BlockedUntil, problem is null ? "403 with a web server's page (IP block)" : $"403: {detail}", requestId);
        }

        if (problem?["validation-errors"] is JArray { Count: > 0 } groups)
        {
            return new AmoCrmValidationException(call, status, title, detail, requestId, context.Noun, [.. Validation(groups, context)]);
        }

        return status switch
        {
            HttpStatusCode.Unauthorized => new AmoCrmAuthenticationException(call, status, title, detail, requestId),
            HttpStatusCode.PaymentRequired => new AmoCrmPaymentRequiredException(call, status, title, detail, requestId),
            HttpStatusCode.Forbidden => new AmoCrmAccessDeniedException(call, status, title, detail, requestId),
            HttpStatusCode.NotFound => new AmoCrmNotFoundException(call, status, title, detail, requestId),
            HttpStatusCode.TooManyRequests => new AmoCrmRateLimitedException(call, title, detail, requestId, RetryAfter(problem, null)),
            >= HttpStatusCode.InternalServerError => new AmoCrmServerException(call, status, title, detail, requestId),
            _ => new AmoCrmException(call, status, title, detail, requestId),
        };
    }

    /// <summary>
    /// An IP block: 403 with anything but a problem+json (nginx's HTML page), or a problem whose words say "blocked". A
    /// problem+json 403 about rights ("administrators only") is not one.
    /// </summary>
    public static bool IsIpBlock(HttpStatusCode status, JObject? problem)
    {
        if (status != HttpStatusCode.Forbidden)
        {
            return false;
        }

        if (problem is null)
        {
            return true;
        }

        var words = $"{problem.Value<string>("title")} {problem.Value<string>("detail")}";
        return words.Contains("block", StringComparison.OrdinalIgnoreCase) || words.Contains("заблокирован", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The wait a 429 asks for: the body's <c>retry_after</c> (seconds), else the Retry-After header.</summary>
    public static TimeSpan? RetryAfter(JObject? problem, string? header)
    {
        if (problem?["retry_after"] is { Type: JTokenType.Integer or JTokenType.Float } seconds)
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds.Value<double>()));
        }

        if (problem?["retry_after"] is { Type: JTokenType.String } text && double.TryParse(text.Value<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s))
        {
            return TimeSpan.FromSeconds(Math.Max(0, s));
        }

        return header is not null && double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? TimeSpan.FromSeconds(Math.Max(0, h)) : null;
    }

    private static IEnumerable<AmoValidationError> Validation(JArray groups, AmoErrorContext context)
    {
        foreach (var group in groups.OfType<JObject>())
        {
            var requestId = group["request_id"]?.Type is JTokenType.String or JTokenType.Integer ? group["request_id"]!.ToString() : null;
            var index = IndexOf(requestId, context);
            var errors = group["errors"] as JArray ?? [group];
            foreach (var error in errors.OfType<JObject>())
            {
                yield return new AmoValidationError(
                    requestId,
                    index,
                    error.Value<string>("code") ?? string.Empty,
                    error.Value<string>("path") ?? string.Empty,
                    error.Value<string>("detail") ?? string.Empty);
            }
        }
    }

    /// <summary>By the request_id the client sent; failing that, a number is the position inside the request.</summary>
    private static int? IndexOf(string? requestId, AmoErrorContext context) =>
        requestId is null ? null
        : context.Indexes?.TryGetValue(requestId, out var index) == true ? index
        : context.Indexes is not null && int.TryParse(requestId, NumberStyles.None, CultureInfo.InvariantCulture, out var position) ? context.Offset + position
        : null;

    /// <summary>What a non-JSON answer was, in words that never quote it (a cut-off body may hold anything).</summary>
    private static string What(string? body) => body switch
    {
        null or { Length: 0 } => "an empty answer",
        var text when text.TrimStart().StartsWith('<') => "a web server's HTML page, not amoCRM's JSON",
        var text => $"{text.Length} characters that are not amoCRM's JSON",
    };
}
