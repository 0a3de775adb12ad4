using System.Collections.Concurrent;

namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>
/// Live counters of what the account was asked and did (also served as JSON at <c>GET /_sandbox/stats</c>). Reads are
/// current values; <see cref="Reset"/> sets everything back to zero. Thread-safe.
/// </summary>
public sealed class AmoSandboxStats
{
    private readonly ConcurrentDictionary<string, int> _byRoute = new(StringComparer.Ordinal);
    private int _requests;
    private int _throttled;
    private int _unauthorized;
    private int _writes;
    private int _blocked;
    private int _droppedAnswers;
    private int _refreshes;
    private int _refreshFailures;
    private int _webhooksQueued;
    private int _webhooksDelivered;
    private int _webhooksFailed;

    /// <summary>HTTP requests to the account host (API and token endpoint; <c>/_sandbox</c> not counted).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Answers 429 Too Many Requests (the rolling window or an injected fault).</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>API answers 401 (missing, unknown, expired or revoked access token).</summary>
    public int Unauthorized => Volatile.Read(ref _unauthorized);

    /// <summary>API writes (POST, PATCH, DELETE) that succeeded.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Answers 403 while the IP block fault was on.</summary>
    public int Blocked => Volatile.Read(ref _blocked);

    /// <summary>Writes that ran but whose answer was dropped (fault).</summary>
    public int DroppedAnswers => Volatile.Read(ref _droppedAnswers);

    /// <summary>Successful refresh_token grants.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Refused token requests (revoked or unknown refresh token, bad code, wrong client).</summary>
    public int RefreshFailures => Volatile.Read(ref _refreshFailures);

    /// <summary>Webhook deliveries put in the send queue.</summary>
    public int WebhooksQueued => Volatile.Read(ref _webhooksQueued);

    /// <summary>Webhook deliveries answered 100–299 within the timeout.</summary>
    public int WebhooksDelivered => Volatile.Read(ref _webhooksDelivered);

    /// <summary>Webhook deliveries that failed (other status, timeout, destination down).</summary>
    public int WebhooksFailed => Volatile.Read(ref _webhooksFailed);

    /// <summary>API requests by route, e.g. <c>"POST /api/v4/leads/pipelines"</c> or <c>"PATCH /api/v4/leads/{id}"</c>.</summary>
    public IReadOnlyDictionary<string, int> ByRoute =>
        new SortedDictionary<string, int>(_byRoute.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Sets every counter back to zero.</summary>
    public void Reset()
    {
        _byRoute.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _unauthorized, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _blocked, 0);
        Interlocked.Exchange(ref _droppedAnswers, 0);
        Interlocked.Exchange(ref _refreshes, 0);
        Interlocked.Exchange(ref _refreshFailures, 0);
        Interlocked.Exchange(ref _webhooksQueued, 0);
        Interlocked.Exchange(ref _webhooksDelivered, 0);
        Interlocked.Exchange(ref _webhooksFailed, 0);
    }

    internal void Request() => Interlocked.Increment(ref _requests);

    internal void Route(string key) => _byRoute.AddOrUpdate(key, 1, (_, count) => count + 1);

    internal void Throttle() => Interlocked.Increment(ref _throttled);

    internal void Unauthorize() => Interlocked.Increment(ref _unauthorized);

    internal void Write() => Interlocked.Increment(ref _writes);

    internal void Block() => Interlocked.Increment(ref _blocked);

    internal void DropAnswer() => Interlocked.Increment(ref _droppedAnswers);

    internal void Refresh() => Interlocked.Increment(ref _refreshes);

    internal void RefreshFailure() => Interlocked.Increment(ref _refreshFailures);

    internal void WebhookQueued() => Interlocked.Increment(ref _webhooksQueued);

    internal void WebhookDelivered() => Interlocked.Increment(ref _webhooksDelivered);

    internal void WebhookFailed() => Interlocked.Increment(ref _webhooksFailed);
}
