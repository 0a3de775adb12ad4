namespace Crm.Connector.Installer.Actual;

/// <summary>An item of a list field, or a source, on the portal; <see cref="Code"/> is its stable code (XML_ID / STATUS_ID).</summary>
public sealed record ActualListItem(string Id, string? Code, string Name, int Sort);
