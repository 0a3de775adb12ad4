namespace Crm.Connector.Import;

/// <summary>Values to put into an existing item's empty fields (null members are left alone).</summary>
public sealed record ImportMerge(long ItemId, ImportItem Values);
