using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// 403 for an IP block after repeated 429s (amocrm-api.md §9; usually nginx's HTML page, not JSON). Raised once from
/// the answer; after that every call on the account raises it at once, without a request, until
/// <see cref="BlockedUntil"/> (<see cref="AmoCrmClientOptions.BlockedPause"/>): requests while blocked only prolong it.
/// </summary>
public sealed class AmoCrmAccountBlockedException(string call, string accountKey, DateTimeOffset blockedUntil, string detail, string? requestId)
    : AmoCrmException(call, HttpStatusCode.Forbidden, "Account blocked", $"{detail}; no requests to {accountKey} until {blockedUntil:u}", requestId)
{
    public string AccountKey { get; } = accountKey;

    /// <summary>Until when the client sends nothing to the account.</summary>
    public DateTimeOffset BlockedUntil { get; } = blockedUntil;
}
