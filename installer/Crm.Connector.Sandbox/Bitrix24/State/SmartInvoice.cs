namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>An invoice (smart invoice, entityTypeId 31) made with <c>crm.item.add</c>, bound to its deal by <c>parentId2</c>.</summary>
internal sealed record SmartInvoice(int Id, string Title, decimal Opportunity, string CurrencyId, int ParentDealId, int? ContactId, string Comments, int AssignedById, string Created);
