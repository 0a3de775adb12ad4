namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// No usable answer came: connection refused or dropped, timeout. <see cref="MayHaveRun"/> says whether the portal
/// could have executed the call; a non-idempotent call (<c>*.add</c>) that may have run is never sent again blindly —
/// the caller must look first (Bitrix24 has no idempotency keys).
/// </summary>
public class Bitrix24TransportException(string method, string description, bool mayHaveRun, bool idempotent, Exception? innerException)
    : Bitrix24Exception(method, string.Empty, description, null, innerException)
{
    /// <summary>False only when the request provably never reached the portal (connection refused, name not resolved).</summary>
    public bool MayHaveRun { get; } = mayHaveRun;

    public override bool IsTransient => !MayHaveRun || idempotent;
}
