using Crm.Connector.Installer.Ledger;

namespace Crm.Connector.Installer.Apply;

/// <summary>The ledger while an apply runs: every change is saved before the next request goes out.</summary>
public sealed class LedgerSession(ProvisioningLedger ledger, ILedgerStore store)
{
    public ProvisioningLedger Ledger { get; } = ledger;

    public LedgerEntry? Get(ResourceKey key) => Ledger.Get(key);

    public void Record(ResourceKey key, LedgerEntry entry) => Ledger.Set(key, entry);

    public void Forget(ResourceKey key) => Ledger.Remove(key);

    public Task SaveAsync(CancellationToken cancellationToken) => store.SaveAsync(Ledger, cancellationToken);
}
