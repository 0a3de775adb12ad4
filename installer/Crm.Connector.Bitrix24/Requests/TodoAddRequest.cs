using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary><c>crm.activity.todo.add</c>: a to-do (call-back) with a deadline in the item's timeline (bitrix24-rest.md §9).</summary>
public sealed record TodoAddRequest
{
    /// <summary>1 lead, 2 deal, 3 contact, 4 company.</summary>
    [JsonProperty("ownerTypeId")]
    public required int OwnerTypeId { get; init; }

    [JsonProperty("ownerId")]
    public required int OwnerId { get; init; }

    [JsonProperty("deadline")]
    public required DateTimeOffset Deadline { get; init; }

    [JsonProperty("title")]
    public string? Title { get; init; }

    [JsonProperty("description")]
    public string? Description { get; init; }

    [JsonProperty("responsibleId")]
    public int? ResponsibleId { get; init; }

    /// <summary>Reminders, in minutes before the deadline.</summary>
    [JsonProperty("pingOffsets")]
    public IReadOnlyList<int>? PingOffsets { get; init; }

    [JsonProperty("colorId")]
    public string? ColorId { get; init; }
}
