namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// The app's amoCRM integration (configuration section <c>AmoCrm</c>, environment <c>AmoCrm__ClientId</c>…): its keys
/// from the developer account (amocrm-api.md §2.1) and the rules the edge enforces. Without <see cref="ClientId"/> and
/// <see cref="ClientSecret"/> every amoCRM endpoint refuses with 503: nothing can be verified without them.
/// </summary>
public sealed record AmoCrmAppOptions
{
    public const string Section = "AmoCrm";

    /// <summary>Integration ID (a UUID): the <c>client_id</c> of the redirect and the <c>client_uuid</c> of the uninstall hook.</summary>
    public string? ClientId { get; init; }

    /// <summary>Secret key: the code exchange, the uninstall hook's HMAC key and our state's HMAC key. Never logged.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The Redirect URI exactly as in the integration's settings; null = <c>{public URL}api/amocrm/install</c>.</summary>
    public Uri? RedirectUri { get; init; }

    /// <summary>Where <c>GET /api/amocrm/connect</c> sends the admin to consent (§2.2); <c>https://www.kommo.com/oauth</c> for Kommo.</summary>
    public Uri AuthorizeUrl { get; init; } = new("https://www.amocrm.ru/oauth");

    /// <summary>
    /// Account hosts an install may name in <c>referer</c> (<c>*.amocrm.ru</c> matches any subdomain; a host with a port
    /// for a local sandbox). The app exchanges the code only on such a host, so a forged redirect cannot make it send the
    /// secret anywhere else. Null: <see cref="CloudDomains"/>. When configured, the list replaces them. A loopback host
    /// is reached over plain http, and only when listed here exactly (never through a wildcard).
    /// </summary>
    public IReadOnlyList<string>? AccountDomains { get; init; }

    /// <summary>amoCRM's and Kommo's account domains (amocrm-api.md §1).</summary>
    public static IReadOnlyList<string> CloudDomains { get; } = ["*.amocrm.ru", "*.amocrm.com", "*.kommo.com"];

    /// <summary>The domains in force.</summary>
    public IReadOnlyList<string> AllowedDomains => AccountDomains is { Count: > 0 } configured ? configured : CloudDomains;

    /// <summary>The template installed on a new account (a built-in template name).</summary>
    public string DefaultTemplate { get; init; } = "online-school";

    /// <summary>How long a state from <c>/api/amocrm/connect</c> is accepted (the code itself lives 20 minutes, §2.1).</summary>
    public TimeSpan StateLifetime { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Largest webhook body accepted, in bytes. amoCRM batches several entities with all their custom fields into one
    /// form, so the limit is higher than Bitrix24's.
    /// </summary>
    public int MaxBodyBytes { get; init; } = 262_144;

    /// <summary>Whether the keys are set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Never the secret.</summary>
    public override string ToString() => $"amoCRM integration {ClientId ?? "(not configured)"}";
}
