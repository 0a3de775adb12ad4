namespace Crm.Connector.Bitrix24.Auth;

/// <summary>What asking credentials to replace a stale access token came to.</summary>
public enum TokenRefreshOutcome
{
    /// <summary>These credentials cannot refresh (an incoming webhook): the error stands.</summary>
    NotRefreshable,

    /// <summary>This call exchanged the refresh token itself: the new access token is as fresh as the portal makes them.</summary>
    Refreshed,

    /// <summary>
    /// Someone else — another call, another instance sharing the token store — had replaced the stale token already; the
    /// token they stored is handed over. It is no fresher than when they stored it: the portal may have expired it since.
    /// </summary>
    Replaced,
}
