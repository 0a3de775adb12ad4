using Crm.Connector.Limits;
using Microsoft.Extensions.Logging;

namespace Crm.Connector.Bitrix24;

/// <summary>Every number the client works with, in one place; defaults follow the cloud's documented limits.</summary>
public sealed record Bitrix24ClientOptions
{
    /// <summary>
    /// Per HTTP request. The cloud cuts a REST request at 60 s (bitrix24-rest.md §12.1). Over an
    /// <see cref="HttpClient"/> from <c>AddBitrix24Http</c>, its <see cref="Http.Bitrix24HttpOptions.AttemptTimeout"/>
    /// applies instead.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many times a call that is safe to repeat is repeated before its error is raised.</summary>
    public int MaxRetries { get; init; } = 8;

    /// <summary>First back-off delay; doubles per attempt with jitter, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Commands sent per <c>batch</c> request: the portal's maximum of 50 by default; fewer when each command is heavy
    /// enough that 50 together would run into the request's time limit. 1 sends every command on its own.
    /// </summary>
    public int CommandsPerBatch { get; init; } = 50;

    /// <summary>The portal's request budget (a plan's limit; <see cref="RateLimit.Enterprise"/> on Enterprise).</summary>
    public RateLimit RateLimit { get; init; } = RateLimit.Standard;

    /// <summary>Requests of <see cref="RateLimit"/>'s burst left unused, for timing differences between us and the portal.</summary>
    public int BurstMargin { get; init; } = 1;

    /// <summary>Share of <see cref="RateLimit"/>'s drain used (the rest is margin).</summary>
    public double DrainMargin { get; init; } = 0.95;

    /// <summary>Shared pacing of requests per portal; null = one budget for the whole process.</summary>
    public IRequestBudget? RequestBudget { get; init; }

    /// <summary>Per-method execution-time budget per 10 minutes (cloud: 480 s).</summary>
    public TimeSpan OperatingTimeLimit { get; init; } = TimeSpan.FromSeconds(480);

    /// <summary>Share of <see cref="OperatingTimeLimit"/> after which calls of that method wait for the window to move.</summary>
    public double OperatingSafetyShare { get; init; } = 0.9;

    /// <summary>Longest wait for a method blocked by OPERATION_TIME_LIMIT before its error is raised instead.</summary>
    public TimeSpan MaxOperatingWait { get; init; } = TimeSpan.FromMinutes(11);

    /// <summary>
    /// How many times one call replaces its access token on <c>expired_token</c> before the error is raised. More than
    /// one because with several instances sharing the tokens a call can be handed a token another instance stored that
    /// the portal has expired again since (tokens expiring twice in quick succession). A call that meets
    /// <c>expired_token</c> with a token it has just refreshed itself stops there whatever this says: a second exchange
    /// would not be fresher.
    /// </summary>
    public int MaxTokenRefreshes { get; init; } = 3;

    /// <summary>How many address changes (302) one call follows.</summary>
    public int MaxRedirects { get; init; } = 3;

    public string UserAgent { get; init; } = "Crm.Connector/1.0";

    public TimeProvider? TimeProvider { get; init; }

    public ILogger? Logger { get; init; }
}
