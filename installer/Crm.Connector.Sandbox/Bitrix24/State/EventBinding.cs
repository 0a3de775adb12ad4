namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>An event handler bound with event.bind (§4.1); offline bindings have no handler URL.</summary>
internal sealed record EventBinding(int Id, string Event, string Handler, int AuthType, bool Offline);
