namespace Crm.Connector.AmoCrm.Http;

/// <summary>
/// The generic rules of the HTTP client <c>AddAmoCrmHttp</c> registers: a timeout per attempt and a circuit breaker per
/// account host. Never a retry: the amoCRM client decides alone what may be sent again (a 429 always, a create never),
/// and a handler retrying too would multiply requests against the 7-a-second limit.
/// </summary>
public sealed class AmoCrmHttpOptions
{
    /// <summary>Longest wait for one request's answer (amoCRM's own library waits 20 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Share of failed requests (no answer, timeout, 500/502/504) within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Fewest requests to a host within <see cref="SamplingDuration"/> before the circuit may open.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over (at least twice <see cref="AttemptTimeout"/>).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long calls to a host are not sent once its circuit opened; then one trial request decides.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
