using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>What a create or update answered for one entity: its id (and the request_id it was matched by).</summary>
public sealed record AmoWriteResult
{
    [JsonProperty("id")]
    public long Id { get; init; }

    [JsonProperty("request_id")]
    public string? RequestId { get; init; }

    [JsonProperty("updated_at")]
    public DateTimeOffset? UpdatedAt { get; init; }
}
