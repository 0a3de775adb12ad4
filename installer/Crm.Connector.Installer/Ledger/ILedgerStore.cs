namespace Crm.Connector.Installer.Ledger;

/// <summary>Where ledgers live: a JSON file for the command line, the app's database for installations.</summary>
public interface ILedgerStore
{
    /// <summary>The ledger of <paramref name="templateKey"/> on portal <paramref name="portalKey"/>, or a new empty one.</summary>
    Task<ProvisioningLedger> LoadAsync(string portalKey, string templateKey, CancellationToken cancellationToken = default);

    /// <summary>Stores the ledger durably before returning (a crash right after must not lose it).</summary>
    Task SaveAsync(ProvisioningLedger ledger, CancellationToken cancellationToken = default);
}
