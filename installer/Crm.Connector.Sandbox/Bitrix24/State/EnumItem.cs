namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>An item of an enumeration user field's LIST (§7).</summary>
internal sealed record EnumItem(int Id, string Value, int Sort, bool Def, string XmlId);
