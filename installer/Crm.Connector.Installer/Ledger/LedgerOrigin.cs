namespace Crm.Connector.Installer.Ledger;

/// <summary>How a portal object came to be ours.</summary>
public enum LedgerOrigin
{
    /// <summary>We were about to create it when the last apply stopped; it may or may not exist.</summary>
    Pending,

    /// <summary>We created it: ours to change and, on uninstall, to remove.</summary>
    Created,

    /// <summary>It existed; the admin let us take it over (<c>--adopt</c>): ours to change, never to remove.</summary>
    Adopted,
}
