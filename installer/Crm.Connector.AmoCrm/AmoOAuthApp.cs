namespace Crm.Connector.AmoCrm;

/// <summary>The integration's keys (amocrm-api.md §2.1): Integration ID, secret key, and the redirect URI set in its settings.</summary>
public sealed record AmoOAuthApp
{
    /// <summary>Integration ID (a UUID).</summary>
    public required string ClientId { get; init; }

    /// <summary>Secret key. Never logged.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The Redirect URI exactly as in the integration's settings.</summary>
    public required Uri RedirectUri { get; init; }

    public override string ToString() => $"amoCRM integration {ClientId}";
}
