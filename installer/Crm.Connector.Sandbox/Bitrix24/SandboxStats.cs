namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>Counters of what the sandbox was asked and did (also served as JSON at <c>GET /_sandbox/stats</c>).</summary>
public sealed record SandboxStats
{
    /// <summary>HTTP requests to REST routes (a batch counts once).</summary>
    public int Requests { get; init; }

    /// <summary>REST method calls by method name, batch sub-commands included (a batch also counts as "batch").</summary>
    public IReadOnlyDictionary<string, int> Methods { get; init; } = new Dictionary<string, int>();

    public int Batches { get; init; }

    public int BatchCommands { get; init; }

    /// <summary>Answers 503 QUERY_LIMIT_EXCEEDED.</summary>
    public int QueryLimitExceeded { get; init; }

    /// <summary>Answers 429 OPERATION_TIME_LIMIT.</summary>
    public int OperationTimeLimit { get; init; }

    /// <summary>Successful refresh_token grants at the token endpoint.</summary>
    public int Refreshes { get; init; }

    /// <summary>Refused token requests (reused or unknown refresh token, wrong client).</summary>
    public int RefreshFailures { get; init; }

    /// <summary>302 answers sent after a domain change.</summary>
    public int Redirects { get; init; }

    public int DroppedConnections { get; init; }

    public int InjectedErrors { get; init; }

    /// <summary>
    /// Event deliveries to online handlers put in the send queue (§4.5). Once the queue is drained,
    /// <see cref="EventsDelivered"/> + <see cref="EventsFailed"/> = this (deliveries in flight when the counters are
    /// reset may be counted on one side only).
    /// </summary>
    public int EventsQueued { get; init; }

    /// <summary>Event deliveries to bound handlers that got a 2xx answer.</summary>
    public int EventsDelivered { get; init; }

    /// <summary>Event deliveries that failed: non-2xx answer, timeout or handler down (never retried, like Bitrix24, §4.5).</summary>
    public int EventsFailed { get; init; }
}
