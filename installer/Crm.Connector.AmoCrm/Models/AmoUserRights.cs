using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>What a user is: admin, active, and which role and group.</summary>
public sealed record AmoUserRights
{
    [JsonProperty("is_admin")]
    public bool IsAdmin { get; init; }

    [JsonProperty("is_active")]
    public bool IsActive { get; init; }

    [JsonProperty("role_id")]
    public long? RoleId { get; init; }

    [JsonProperty("group_id")]
    public long? GroupId { get; init; }

    [JsonProperty("is_free")]
    public bool IsFree { get; init; }
}
