using Newtonsoft.Json;

namespace Crm.Connector.Bitrix24.Requests;

/// <summary>Fields of <c>crm.timeline.comment.add</c>.</summary>
public sealed record TimelineCommentAddRequest
{
    [JsonProperty("ENTITY_ID")]
    public required int EntityId { get; init; }

    /// <summary><c>lead</c>, <c>deal</c>, <c>contact</c>, <c>company</c>.</summary>
    [JsonProperty("ENTITY_TYPE")]
    public required string EntityType { get; init; }

    [JsonProperty("COMMENT")]
    public required string Comment { get; init; }
}
