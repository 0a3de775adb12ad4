using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// An amoCRM call that failed. Every failure the client raises is one of these (see <see cref="AmoCrmErrorMapper"/>,
/// the one place answers become exceptions), keeping the problem+json <c>title</c> and <c>detail</c>, the HTTP status
/// and the <c>X-Request-Id</c> amoCRM's support asks for.
/// </summary>
public class AmoCrmException : Exception
{
    public AmoCrmException()
    {
    }

    public AmoCrmException(string message)
        : base(message)
    {
    }

    public AmoCrmException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <param name="call">What was called: <c>POST /api/v4/leads</c>.</param>
    /// <param name="status">HTTP status; null when no answer came.</param>
    /// <param name="title">The answer's <c>title</c> (or what stands for it).</param>
    /// <param name="detail">The answer's <c>detail</c>, or our words for what happened.</param>
    /// <param name="requestId">The answer's <c>X-Request-Id</c> header.</param>
    /// <param name="innerException">The transport's exception, if any.</param>
    public AmoCrmException(string call, HttpStatusCode? status, string title, string detail, string? requestId, Exception? innerException = null)
        : base(Describe(call, status, title, detail), innerException)
    {
        Call = call;
        Status = status;
        Title = title;
        Detail = detail;
        RequestId = requestId;
    }

    /// <summary>What was called: <c>POST /api/v4/leads</c>.</summary>
    public string Call { get; } = string.Empty;

    /// <summary>HTTP status of the answer; null when no answer came.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>The problem's <c>title</c>.</summary>
    public string Title { get; } = string.Empty;

    /// <summary>The problem's <c>detail</c> (amoCRM's own words), or ours when it sent none.</summary>
    public string Detail { get; } = string.Empty;

    /// <summary>The <c>X-Request-Id</c> of the answer, for amoCRM's support.</summary>
    public string? RequestId { get; }

    private static string Describe(string call, HttpStatusCode? status, string title, string detail)
    {
        var http = status is null ? string.Empty : $" (HTTP {(int)status})";
        var what = string.IsNullOrWhiteSpace(title) ? "failed" : $"failed: {title}";
        var words = string.IsNullOrWhiteSpace(detail) || detail == title ? string.Empty : $" — {detail}";
        return $"amoCRM {call} {what}{http}{words}";
    }
}
