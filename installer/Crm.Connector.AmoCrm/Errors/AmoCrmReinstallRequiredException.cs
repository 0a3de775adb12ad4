using System.Net;

namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// The token endpoint refused the refresh token ("Token has been revoked", <c>invalid_grant</c>) and the store holds no
/// newer pair: the installation's authorization is gone (refresh token unused for 3 months, used twice, integration
/// removed). Only re-installing the integration on the account restores it.
/// </summary>
public sealed class AmoCrmReinstallRequiredException(string accountKey, HttpStatusCode? status, string title, string detail, string? requestId)
    : AmoCrmException("POST /oauth2/access_token", status, title, $"re-install needed on account {accountKey}: the refresh token was refused ({detail})", requestId)
{
    public string AccountKey { get; } = accountKey;
}
