namespace Crm.Connector.Functions.AmoCrm.Inbound;

/// <summary>A parsed account webhook: whose it is, the changes to keep, and how many parts were acknowledged without keeping.</summary>
public sealed record AmoWebhookDelivery(long AccountId, IReadOnlyList<AmoWebhookItem> Items, int Ignored);
