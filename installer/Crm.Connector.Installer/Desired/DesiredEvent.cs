namespace Crm.Connector.Installer.Desired;

/// <summary>An event handler to bind: the portal posts <see cref="Event"/> to <see cref="Handler"/>.</summary>
public sealed record DesiredEvent(ResourceKey Key, string Event, Uri Handler, bool Offline = false);
