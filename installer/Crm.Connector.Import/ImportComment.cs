namespace Crm.Connector.Import;

/// <summary>A comment for an item's timeline.</summary>
public sealed record ImportComment(long ItemId, string Text);
