namespace Crm.Connector.Bitrix24.Auth;

/// <summary>The marketplace application's OAuth identity (from its version card) and the token endpoint.</summary>
public sealed record OAuthAppOptions
{
    /// <summary>The documented, fixed token endpoint of Bitrix24 (bitrix24-rest.md §2).</summary>
    public static readonly Uri DefaultTokenEndpoint = new("https://oauth.bitrix.info/oauth/token/");

    public required string ClientId { get; init; }

    /// <summary>Sent only to the token endpoint, never to a portal.</summary>
    public required string ClientSecret { get; init; }

    public Uri TokenEndpoint { get; init; } = DefaultTokenEndpoint;

    public override string ToString() => $"OAuthAppOptions({ClientId}, {TokenEndpoint})";
}
