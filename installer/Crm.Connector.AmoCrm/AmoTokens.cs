namespace Crm.Connector.AmoCrm;

/// <summary>
/// An installation's token pair (amocrm-api.md §2.5): a 24-hour access token and a refresh token that is single-use —
/// each refresh returns a new pair, which must be stored before it is used.
/// </summary>
public sealed record AmoTokens
{
    /// <summary>The <see cref="AmoAccountAddress.Key"/> of the account.</summary>
    public required string AccountKey { get; init; }

    public required string AccessToken { get; init; }

    public required string RefreshToken { get; init; }

    /// <summary>When the access token stops working.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Never the tokens themselves.</summary>
    public override string ToString() => $"amoCRM tokens of {AccountKey}, access until {ExpiresAt:u}";
}
