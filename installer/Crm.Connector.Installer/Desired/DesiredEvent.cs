namespace Crm.Connector.Installer.Desired;

/// <summary>An event handler to bind: the portal posts <see cref="Event"/> to <see cref="Handler"/>.</summary>
public sealed record DesiredEvent(ResourceKey Key, string Event, Uri Handler, bool Offline = false)
{
    /// <summary>What the ledger records as the binding's portal id: <c>EVENT|handler</c>, or <c>EVENT|offline</c> (an offline binding has no handler).</summary>
    public string PortalId => $"{Event}|{(Offline ? EventBindingId.Offline : Handler.AbsoluteUri)}";
}
