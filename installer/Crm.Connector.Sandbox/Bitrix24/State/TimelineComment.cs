namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A timeline comment (crm.timeline.comment.add, §9).</summary>
internal sealed record TimelineComment(int Id, int EntityId, string EntityType, string Comment, int AuthorId, string Created);
