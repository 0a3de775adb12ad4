namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// An invoice (smart invoice, entityTypeId 31) made with <c>crm.item.add</c>, bound to its deal by <c>parentId2</c>, with
/// the external markers the caller gave it (<c>originatorId</c>, <c>originId</c>, <c>xmlId</c>).
/// </summary>
internal sealed record SmartInvoice(int Id, string Title, decimal Opportunity, string CurrencyId, int ParentDealId, int? ContactId, string Comments, int AssignedById, string Created, string? OriginatorId, string? OriginId, string? XmlId);
