using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A custom field of leads, contacts or companies (amocrm-api.md §4).</summary>
public sealed record AmoCustomField(
    [property: JsonProperty("id")] long Id,
    [property: JsonProperty("name")] string Name,
    [property: JsonProperty("type")] string Type,
    [property: JsonProperty("code")] string? Code,
    [property: JsonProperty("sort")] int Sort,
    [property: JsonProperty("group_id")] string? GroupId,
    [property: JsonProperty("is_api_only")] bool IsApiOnly,
    [property: JsonProperty("is_predefined")] bool IsPredefined,
    [property: JsonProperty("is_deletable")] bool IsDeletable,
    [property: JsonProperty("entity_type")] string? EntityType,
    [property: JsonProperty("enums")] IReadOnlyList<AmoEnum>? Enums,
    [property: JsonProperty("required_statuses")] IReadOnlyList<AmoRequiredStatus>? RequiredStatuses);
