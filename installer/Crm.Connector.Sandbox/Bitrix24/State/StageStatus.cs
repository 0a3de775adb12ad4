namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// An element of a <c>crm.status</c> directory (§6.2): a lead status, a deal stage, a source. <see cref="Semantics"/> is
/// null (in progress), "S" (success) or "F" (failure); <see cref="NameInit"/> is the original name of system elements.
/// </summary>
internal sealed record StageStatus(int Id, string EntityId, string StatusId, string Name, string NameInit, int Sort, bool System, int? CategoryId, string? Color, string? Semantics);
