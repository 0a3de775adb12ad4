namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>How an amoCRM sandbox account behaves. Defaults follow the documented values (amocrm-api.md).</summary>
public sealed record AmoCrmSandboxOptions
{
    /// <summary>TCP port of the account host (0 = any free port).</summary>
    public int Port { get; init; }

    /// <summary>The account's subdomain (reported by <c>GET /api/v4/account</c> and in webhooks as <c>account[subdomain]</c>).</summary>
    public string Subdomain { get; init; } = "school";

    /// <summary>The account id (<c>GET /api/v4/account</c>, webhooks, the uninstall hook's signature).</summary>
    public long AccountId { get; init; } = 29_000_001;

    /// <summary>The integration's id (client_id, a UUID in amoCRM); null = a new random UUID.</summary>
    public string? ClientId { get; init; }

    /// <summary>The integration's secret key; null = a new random one.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The integration's redirect URI; null = none yet (<see cref="AmoCrmSandbox.InstallAppAsync"/> sets it).</summary>
    public Uri? RedirectUri { get; init; }

    /// <summary>§9: at most this many API requests in any rolling second per account, else 429 (documented: 7). 0 = unlimited.</summary>
    public int RequestsPerSecond { get; init; } = 7;

    /// <summary>§2.5: lifetime of OAuth access tokens (documented: 24 h).</summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(24);

    /// <summary>§2.5: lifetime of refresh tokens (documented: 3 months).</summary>
    public TimeSpan RefreshTokenLifetime { get; init; } = TimeSpan.FromDays(90);

    /// <summary>§8.3: how long a webhook destination may take to answer (documented: 2 s).</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many webhook deliveries run at once. Default 8.</summary>
    public int WebhookConcurrency { get; init; } = 8;

    /// <summary>Clock of the account (token expiry, the rate-limit window, timestamps). Tests pass a fake one.</summary>
    public TimeProvider? TimeProvider { get; init; }
}
