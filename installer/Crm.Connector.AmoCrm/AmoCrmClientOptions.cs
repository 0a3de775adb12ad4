using Crm.Connector.Limits;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.AmoCrm;

/// <summary>Every number the client works with, in one place; defaults follow amoCRM's documented limits (amocrm-api.md §9).</summary>
public sealed record AmoCrmClientOptions
{
    /// <summary>
    /// The default pace per account: <b>1 at once, then one every 200 ms</b> (5 per second). amoCRM allows 7 requests a
    /// second; a leaky bucket with burst B draining r per second lets at most B + r leave in any rolling second, so this
    /// sends at most 6 — one short of the limit, because requests reach the server a little later and less evenly than
    /// they leave (an 8th would need two requests to arrive 400 ms closer together than they were sent). Burst 2 / drain 5
    /// would be exactly 7 with no room for that jitter.
    /// </summary>
    public static readonly RateLimit DefaultRateLimit = new(1, 5);

    /// <summary>The account's request budget per rolling second (<see cref="DefaultRateLimit"/>).</summary>
    public RateLimit RateLimit { get; init; } = DefaultRateLimit;

    /// <summary>
    /// Where requests are counted; the key is <c>"amocrm:" + account key</c>. Null = one budget for the whole process
    /// (<see cref="InMemoryRequestBudget.Shared"/>); several instances of the app share one in their database.
    /// </summary>
    public IRequestBudget? RequestBudget { get; init; }

    /// <summary>Per HTTP request; amoCRM's own library waits 20 s. Over an <see cref="HttpClient"/> from <c>AddAmoCrmHttp</c>, its attempt timeout applies instead.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a request that is safe to repeat (a 429, a 5xx on a read, a lost answer to a read, PATCH or DELETE) is repeated.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>First back-off delay when the server names none; doubles per attempt up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest <c>retry_after</c> of a 429 the client waits out before retrying; a longer one (amoCRM's example says
    /// 300 s) raises <see cref="Errors.AmoCrmRateLimitedException"/> at once, for the caller to reschedule.
    /// </summary>
    public TimeSpan MaxThrottleWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Refresh the access token (24 h) this long before it expires rather than spend a call on an expired one.</summary>
    public TimeSpan RefreshBeforeExpiry { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// After an IP block (403), how long every call on the account fails at once without a request: repeated requests
    /// while blocked prolong the block, and only amoCRM's support lifts it (amocrm-api.md §9).
    /// </summary>
    public TimeSpan BlockedPause { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Called once per block with the account key and what the server said: page someone.</summary>
    public Action<string, string>? OnBlocked { get; init; }

    /// <summary>Entities per write request: amoCRM accepts 250 and recommends 50 (amocrm-api.md §6.1).</summary>
    public int WriteChunkSize { get; init; } = 50;

    /// <summary>
    /// Whether an entity write with more than 40 custom field values is split (the first 40 with the write, the rest in
    /// follow-up PATCHes of 40). Off, such a write raises <see cref="Errors.AmoCrmTooManyValuesException"/> instead.
    /// </summary>
    public bool SplitCustomFieldValues { get; init; } = true;

    public string UserAgent { get; init; } = "Crm.Connector/1.0";

    public TimeProvider? TimeProvider { get; init; }

    public ILogger? Logger { get; init; }
}
