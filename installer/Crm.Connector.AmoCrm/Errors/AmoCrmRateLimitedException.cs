using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>429 still after the retries, or with a <c>retry_after</c> longer than <see cref="AmoCrmClientOptions.MaxThrottleWait"/>. The request did not run.</summary>
public sealed class AmoCrmRateLimitedException(string call, string title, string detail, string? requestId, TimeSpan? retryAfter)
    : AmoCrmException(call, HttpStatusCode.TooManyRequests, title, detail, requestId)
{
    /// <summary>What the server asked to wait, if it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
