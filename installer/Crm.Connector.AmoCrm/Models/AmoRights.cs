using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>Rights of a role or user (amocrm-api.md §10): per entity "A" all, "G" group, "M" mine, "D" denied.</summary>
public sealed record AmoRights
{
    [JsonProperty("leads")]
    public AmoEntityRights? Leads { get; init; }

    [JsonProperty("contacts")]
    public AmoEntityRights? Contacts { get; init; }

    [JsonProperty("companies")]
    public AmoEntityRights? Companies { get; init; }

    [JsonProperty("tasks")]
    public AmoTaskRights? Tasks { get; init; }

    [JsonProperty("mail_access")]
    public bool? MailAccess { get; init; }

    [JsonProperty("catalog_access")]
    public bool? CatalogAccess { get; init; }

    [JsonProperty("status_rights")]
    public IReadOnlyList<AmoStatusRights>? StatusRights { get; init; }
}
