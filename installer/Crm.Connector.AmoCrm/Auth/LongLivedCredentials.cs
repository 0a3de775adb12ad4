namespace Crm.Connector.AmoCrm.Auth;

/// <summary>A private integration's long-lived token (amocrm-api.md §2.6): no refresh token, 1 day to 5 years.</summary>
internal sealed class LongLivedCredentials(string token) : AmoCredentials
{
    public override string Unrefreshable => "the long-lived token expired or was revoked; generate a new one in the integration's Keys and scopes tab";

    public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(token);

    public override ValueTask<string?> RefreshAsync(string staleAccessToken, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);
}
