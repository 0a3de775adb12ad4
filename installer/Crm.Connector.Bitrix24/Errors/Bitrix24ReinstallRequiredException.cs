using System.Net;

namespace Crm.Connector.Bitrix24.Errors;

/// <summary>
/// The OAuth server refused the refresh token (<c>invalid_grant</c>): the portal's authorization is gone (the refresh
/// token expired, was used twice, or the app was removed). Nothing but re-installing the app on the portal restores it.
/// </summary>
public sealed class Bitrix24ReinstallRequiredException(string memberId, string description, HttpStatusCode? status)
    : Bitrix24Exception("oauth/token", Bitrix24ErrorCodes.InvalidGrant, $"the app must be re-installed on portal {memberId} to get new tokens ({description})", status)
{
    public string MemberId { get; } = memberId;
}
