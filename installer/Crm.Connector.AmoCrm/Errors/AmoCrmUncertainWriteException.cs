namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// A create (POST) was sent and its answer was lost (timeout, connection reset, a cut-off body, a gateway timeout): it
/// may or may not have run, and amoCRM has no idempotency keys, so the client does not send it again. The caller looks
/// for what it tried to create (by name, code or request_id) before trying again.
/// </summary>
public sealed class AmoCrmUncertainWriteException(string call, string detail, IReadOnlyList<string> requestIds, Exception? innerException)
    : AmoCrmException(call, null, "Write outcome unknown", detail, null, innerException)
{
    /// <summary>The request_ids of the entities in the lost request.</summary>
    public IReadOnlyList<string> RequestIds { get; } = requestIds;
}
