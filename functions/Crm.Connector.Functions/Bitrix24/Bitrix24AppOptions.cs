namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// The app's Bitrix24 identity and rules (configuration section <c>Bitrix24</c>, environment <c>Bitrix24__ClientId</c>…).
/// Without <see cref="ClientId"/> the local host runs the demo: it starts a sandbox portal and uses its app.
/// </summary>
public sealed record Bitrix24AppOptions
{
    public const string Section = "Bitrix24";

    /// <summary>OAuth client id from the app's version card (<c>app.xxxx.yyyy</c> or <c>local.xxxx.yyyy</c>).</summary>
    public string? ClientId { get; init; }

    /// <summary>OAuth client secret; only ever sent to <see cref="TokenEndpoint"/>.</summary>
    public string? ClientSecret { get; init; }

    public Uri TokenEndpoint { get; init; } = new("https://oauth.bitrix.info/oauth/token/");

    /// <summary>
    /// Hosts an installation may come from (<c>*.bitrix24.ru</c> matches any subdomain; a port may be given for local
    /// portals). The app never calls a host outside these, so a forged install cannot make it call arbitrary servers.
    /// Null: <see cref="CloudDomains"/>. When configured, the list replaces them.
    /// </summary>
    public IReadOnlyList<string>? PortalDomains { get; init; }

    /// <summary>The Bitrix24 cloud's portal domains.</summary>
    public static IReadOnlyList<string> CloudDomains { get; } =
    [
        "*.bitrix24.ru", "*.bitrix24.com", "*.bitrix24.by", "*.bitrix24.kz", "*.bitrix24.ua", "*.bitrix24.de", "*.bitrix24.eu",
        "*.bitrix24.es", "*.bitrix24.fr", "*.bitrix24.it", "*.bitrix24.pl", "*.bitrix24.uk", "*.bitrix24.in", "*.bitrix24.com.br",
        "*.bitrix24.com.tr", "*.bitrix24.jp", "*.bitrix24.cn", "*.bitrix24.vn", "*.bitrix24.id", "*.bitrix24.mx", "*.bitrix24.co",
    ];

    /// <summary>The domains in force.</summary>
    public IReadOnlyList<string> AllowedDomains => PortalDomains is { Count: > 0 } configured ? configured : CloudDomains;

    /// <summary>The template installed when the installation does not name one (a built-in template name).</summary>
    public string DefaultTemplate { get; init; } = "driving-school";

    /// <summary>When set, <c>app.info</c>'s CODE must equal it at install (tokens of another app are refused).</summary>
    public string? AppCode { get; init; }

    /// <summary>Largest event or robot-call body accepted, in bytes (Bitrix24's are well under 8 KB).</summary>
    public int MaxBodyBytes { get; init; } = 65536;
}
