namespace Crm.Connector.Bitrix24.Http;

/// <summary>
/// The generic rules of the HTTP client <see cref="Microsoft.Extensions.DependencyInjection.Bitrix24ServiceCollectionExtensions.AddBitrix24Http"/> registers: a
/// timeout per attempt and a circuit breaker per portal host. Never a retry: whether a call may be sent again is the
/// Bitrix24 client's decision alone (by error code and method), since a repeated <c>*.add</c> creates a second item.
/// </summary>
public sealed class Bitrix24HttpOptions
{
    /// <summary>Longest wait for one request's answer. The cloud cuts a REST request at 60 s (bitrix24-rest.md §12.1).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of failed requests (no answer, timeout, 500/502/504) within <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; set; } = 0.5;

    /// <summary>Fewest requests to a host within <see cref="SamplingDuration"/> before the circuit may open.</summary>
    public int MinimumThroughput { get; set; } = 10;

    /// <summary>The window the failure ratio is measured over (at least twice <see cref="AttemptTimeout"/>).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long calls to a host are not sent once its circuit opened; then one trial request decides.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
