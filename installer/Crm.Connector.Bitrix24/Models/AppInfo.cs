using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary><c>app.info</c> (bitrix24-rest.md §1.6, §13): the app's state and the portal's license.</summary>
public sealed record AppInfo
{
    [JsonProperty("ID")]
    public int? Id { get; init; }

    [JsonProperty("CODE")]
    public string? Code { get; init; }

    [JsonProperty("VERSION")]
    public string? Version { get; init; }

    /// <summary><c>F</c> free, <c>D</c> demo, <c>T</c> trial, <c>P</c> paid, <c>L</c> local.</summary>
    [JsonProperty("STATUS")]
    public string? Status { get; init; }

    [JsonProperty("INSTALLED")]
    public bool Installed { get; init; }

    [JsonProperty("PAYMENT_EXPIRED")]
    public bool PaymentExpired { get; init; }

    [JsonProperty("DAYS")]
    public int? Days { get; init; }

    /// <summary><c>{lang}_{plan}</c>, e.g. <c>ru_std</c>, <c>ru_pro100</c>, <c>ru_ent250</c>.</summary>
    [JsonProperty("LICENSE")]
    public string? License { get; init; }

    [JsonProperty("LICENSE_TYPE")]
    public string? LicenseType { get; init; }

    /// <summary><c>ent</c> on Enterprise (which has the higher rate limit).</summary>
    [JsonProperty("LICENSE_FAMILY")]
    public string? LicenseFamily { get; init; }
}
