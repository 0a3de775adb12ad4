using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// 429 <c>OPERATION_TIME_LIMIT</c>: this method used up its execution-time budget; it is blocked until
/// <see cref="ResetAt"/> (from <c>time.operating_reset_at</c>). The call did not run.
/// </summary>
public sealed class Bitrix24OperationTimeLimitException(string method, string description, HttpStatusCode? status, DateTimeOffset? resetAt)
    : Bitrix24Exception(method, Bitrix24ErrorCodes.OperationTimeLimit, description, status)
{
    /// <summary>When the method may be called again; null when the portal did not say.</summary>
    public DateTimeOffset? ResetAt { get; } = resetAt;

    public override bool IsTransient => true;
}
