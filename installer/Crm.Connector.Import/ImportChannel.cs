namespace Crm.Connector.Import;

/// <summary>A channel (Bitrix24 source): its id in the CRM and its name.</summary>
public sealed record ImportChannel(string Id, string Name);
