namespace Crm.Connector.Bitrix24.Auth;

/// <summary>
/// An OAuth installation's current tokens. Bitrix24 rotates refresh tokens: after a refresh the old refresh token is
/// dead, so the new pair must be stored before anything uses it. Never printed: <see cref="ToString"/> hides the tokens.
/// </summary>
public sealed record OAuthTokens
{
    /// <summary>The portal's stable id (<c>member_id</c>); the key everything about an installation hangs on.</summary>
    public required string MemberId { get; init; }

    public required string AccessToken { get; init; }

    public required string RefreshToken { get; init; }

    /// <summary>When the access token stops working (issued time + <c>expires_in</c>).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Where REST calls go: <c>https://{portal}/rest/</c> (changes when the portal's address changes).</summary>
    public required Uri ClientEndpoint { get; init; }

    /// <summary>The OAuth server's REST address (<c>https://oauth.bitrix.info/rest/</c>).</summary>
    public Uri? ServerEndpoint { get; init; }

    /// <summary>Granted scopes as sent (comma or space separated).</summary>
    public string? Scope { get; init; }

    /// <summary>The user the tokens act as.</summary>
    public int? UserId { get; init; }

    /// <summary>The portal's host, from <see cref="ClientEndpoint"/>.</summary>
    public string Domain => ClientEndpoint.Authority;

    public override string ToString() => $"OAuthTokens(member {MemberId}, {ClientEndpoint}, expires {ExpiresAt:O})";
}
