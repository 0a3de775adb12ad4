using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Installations;

/// <summary>
/// One portal the app is installed on, keyed by the CRM's stable id (Bitrix24 <c>member_id</c>). The OAuth tokens are
/// not here: they live in <see cref="IStore.Tokens"/> (same row, encrypted). The application token — the secret every
/// event and robot call from the portal carries — is kept only as a SHA-256 hash, compared in constant time.
/// </summary>
public sealed record Installation
{
    public required string MemberId { get; init; }

    /// <summary><c>bitrix24</c> (amoCRM later).</summary>
    public string Crm { get; init; } = "bitrix24";

    /// <summary>The portal's host, e.g. <c>acme.bitrix24.ru</c> (changes when the portal moves).</summary>
    public required string Domain { get; init; }

    public InstallationStatus Status { get; init; } = InstallationStatus.Active;

    /// <summary>SHA-256 of the application token, lower-case hex (<see cref="ApplicationTokenHash.Of"/>); null until one arrived.</summary>
    public string? ApplicationTokenHash { get; init; }

    /// <summary>The portal's plan as last read (<c>free</c>…<c>enterprise</c>), null when unknown.</summary>
    public string? Plan { get; init; }

    /// <summary>The template installed (built-in name), null before provisioning.</summary>
    public string? TemplateKey { get; init; }

    /// <summary>The app version the portal last installed or updated to (<c>data[VERSION]</c>).</summary>
    public string? AppVersion { get; init; }

    /// <summary>Installation settings (positions → users, supervisor overrides, holidays, time zone…), free-form JSON.</summary>
    public JObject Settings { get; init; } = [];

    public required DateTimeOffset InstalledAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the missed-events sweep last covered this portal up to; null before the first sweep.</summary>
    public DateTimeOffset? SweptUntil { get; init; }

    /// <summary>When the tokens were last refreshed (keep-alive: a refresh token unused for 180 days dies).</summary>
    public DateTimeOffset? TokensRefreshedAt { get; init; }
}
