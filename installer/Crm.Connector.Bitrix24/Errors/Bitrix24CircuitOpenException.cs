namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// The call was not sent: requests to this portal's host failed or timed out so often lately that calls to it are paused
/// for a while (the circuit breaker of the HTTP client from <c>AddBitrix24Http</c>). Nothing ran on the portal. Not
/// transient for the client's own retries — waiting out the pause inside one call would only hold the caller up; the
/// next run (a queue retry, the next sweep) tries again.
/// </summary>
public sealed class Bitrix24CircuitOpenException(string method, string host, TimeSpan? retryAfter, Exception? innerException)
    : Bitrix24TransportException(method, Describe(host, retryAfter), mayHaveRun: false, idempotent: false, innerException)
{
    /// <summary>The portal host whose calls are paused.</summary>
    public string Host { get; } = host;

    /// <summary>How long the pause lasts from the moment of the call, when the breaker said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public override bool IsTransient => false;

    private static string Describe(string host, TimeSpan? retryAfter) =>
        $"not sent: recent requests to {host} failed or timed out, so calls to it are paused"
        + (retryAfter is { } after ? $" for {Math.Ceiling(after.TotalSeconds):0} s" : string.Empty);
}
