namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A task tag: its id in the portal's tag directory and its text.</summary>
internal sealed record TaskTag(int Id, string Title);
