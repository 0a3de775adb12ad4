using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// A Bitrix24 call that failed. Every failure the client raises is one of these (see <see cref="Bitrix24ErrorMapper"/>,
/// the one place error codes become exceptions), keeping the portal's error code, description and HTTP status.
/// </summary>
public class Bitrix24Exception : Exception
{
    public Bitrix24Exception()
    {
    }

    public Bitrix24Exception(string message)
        : base(message)
    {
    }

    public Bitrix24Exception(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public Bitrix24Exception(string method, string code, string description, HttpStatusCode? status, Exception? innerException = null)
        : base(Describe(method, code, description, status), innerException)
    {
        Method = method;
        Code = code;
        Description = description;
        Status = status;
    }

    /// <summary>The REST method that failed (<c>crm.deal.update</c>, <c>batch</c>…).</summary>
    public string Method { get; } = string.Empty;

    /// <summary>The portal's error code (<c>QUERY_LIMIT_EXCEEDED</c>, <c>expired_token</c>…); empty when it sent none.</summary>
    public string Code { get; } = string.Empty;

    /// <summary>The portal's own words.</summary>
    public string Description { get; } = string.Empty;

    /// <summary>HTTP status of the answer; null when no answer came.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>
    /// True when calling again is known to be safe and may succeed: the call did not run (rate limit) or is idempotent.
    /// The retry policy looks only at this.
    /// </summary>
    public virtual bool IsTransient => false;

    private static string Describe(string method, string code, string description, HttpStatusCode? status)
    {
        var what = string.IsNullOrEmpty(code) ? "an error" : code;
        var http = status is null ? string.Empty : $" (HTTP {(int)status})";
        var detail = string.IsNullOrWhiteSpace(description) ? string.Empty : $": {description}";
        return $"Bitrix24 {method} failed with {what}{http}{detail}";
    }
}
