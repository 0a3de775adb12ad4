namespace Crm.Connector.AmoCrm.Auth;

/// <summary>How calls on one account are authorized: an OAuth installation or a long-lived token.</summary>
internal abstract class AmoCredentials
{
    /// <summary>Why a 401 cannot be cured here, in words for the error.</summary>
    public abstract string Unrefreshable { get; }

    /// <summary>The access token to send now (refreshed first when it is about to expire).</summary>
    public abstract ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken);

    /// <summary>A replacement for <paramref name="staleAccessToken"/>, which the server refused; null when there is none to get.</summary>
    public abstract ValueTask<string?> RefreshAsync(string staleAccessToken, CancellationToken cancellationToken);
}
