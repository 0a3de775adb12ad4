using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A custom field to create (<c>POST /api/v4/{entity}/custom_fields</c>).</summary>
public sealed record AmoCustomFieldAdd
{
    [JsonProperty("name")]
    public required string Name { get; init; }

    /// <summary>text, numeric, checkbox, select, multiselect, multitext, date, date_time, url, textarea, radiobutton…</summary>
    [JsonProperty("type")]
    public required string Type { get; init; }

    [JsonProperty("code")]
    public string? Code { get; init; }

    [JsonProperty("sort")]
    public int? Sort { get; init; }

    [JsonProperty("group_id")]
    public string? GroupId { get; init; }

    [JsonProperty("is_api_only")]
    public bool? IsApiOnly { get; init; }

    [JsonProperty("enums")]
    public IReadOnlyList<AmoEnum>? Enums { get; init; }

    [JsonProperty("required_statuses")]
    public IReadOnlyList<AmoRequiredStatus>? RequiredStatuses { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }
}
