namespace Crm.Connector.Storage.Installations;

/// <summary>Whether the app is on the portal.</summary>
public enum InstallationStatus
{
    Active,

    /// <summary>ONAPPUNINSTALL arrived: events and robot calls for it are refused; its data stays unless it asked to clean.</summary>
    Removed,
}
