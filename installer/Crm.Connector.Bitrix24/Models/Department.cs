using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Models;

/// <summary>A department (<c>department.get</c>); <see cref="HeadUserId"/> is who "the supervisor" means.</summary>
public sealed record Department
{
    [JsonProperty("ID")]
    public int Id { get; init; }

    [JsonProperty("NAME")]
    public string? Name { get; init; }

    [JsonProperty("PARENT")]
    public int? ParentId { get; init; }

    [JsonProperty("UF_HEAD")]
    public int? HeadUserId { get; init; }
}
