namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// No usable answer came to a call that is safe to repeat (a read, a PATCH, a DELETE), after the retries; or the
/// request never left (connection refused, name not resolved). A create that may have run raises
/// <see cref="AmoCrmUncertainWriteException"/> instead.
/// </summary>
public sealed class AmoCrmTransportException(string call, string detail, bool mayHaveRun, Exception? innerException)
    : AmoCrmException(call, null, "No answer", detail, null, innerException)
{
    /// <summary>False only when the request provably never reached the server.</summary>
    public bool MayHaveRun { get; } = mayHaveRun;
}
