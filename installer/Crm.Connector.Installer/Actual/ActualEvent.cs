namespace Crm.Connector.Installer.Actual;

/// <summary>An event handler bound on the portal by this app.</summary>
public sealed record ActualEvent(string Event, string Handler, bool Offline);
