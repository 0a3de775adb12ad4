namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// Which installation messages <see cref="Bitrix24Sandbox.InstallAppAsync"/> sends, and in which order: the
/// installation-callback form (bitrix24-rest.md §1.2) and the ONAPPINSTALL event (§1.3). §1.3 warns the event may come
/// late, so an app must cope with either arriving first, or alone.
/// </summary>
public enum SandboxInstallOrder
{
    /// <summary>The callback form, then ONAPPINSTALL (the usual case).</summary>
    CallbackThenEvent,

    /// <summary>ONAPPINSTALL, then the callback form.</summary>
    EventThenCallback,

    /// <summary>Only the callback form (the event got lost).</summary>
    CallbackOnly,

    /// <summary>Only ONAPPINSTALL (no installer page).</summary>
    EventOnly,
}
