namespace Crm.Connector.Bitrix24.Auth;

/// <summary>The outcome of a refresh and the access token to use now (null when the credentials cannot refresh).</summary>
public readonly record struct TokenRefresh(TokenRefreshOutcome Outcome, string? AccessToken)
{
    /// <summary>Nothing to refresh with (an incoming webhook).</summary>
    public static TokenRefresh NotRefreshable => new(TokenRefreshOutcome.NotRefreshable, null);
}
