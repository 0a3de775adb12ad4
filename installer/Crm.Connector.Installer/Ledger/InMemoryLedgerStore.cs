using System.Collections.Concurrent;
using Newtonsoft.Json;

namespace Crm.Connector.Installer.Ledger;

/// <summary>Ledgers in memory (a sandbox run, tests). Stores copies so callers cannot change what was saved.</summary>
public sealed class InMemoryLedgerStore : ILedgerStore
{
    private readonly ConcurrentDictionary<string, string> _ledgers = new(StringComparer.Ordinal);

    public Task<ProvisioningLedger> LoadAsync(string portalKey, string templateKey, CancellationToken cancellationToken = default) =>
        Task.FromResult(_ledgers.TryGetValue(Key(portalKey, templateKey), out var json)
            ? JsonConvert.DeserializeObject<ProvisioningLedger>(json, LedgerJson.Settings)!
            : new ProvisioningLedger { PortalKey = portalKey, TemplateKey = templateKey });

    public Task SaveAsync(ProvisioningLedger ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledgers[Key(ledger.PortalKey, ledger.TemplateKey)] = JsonConvert.SerializeObject(ledger, LedgerJson.Settings);
        return Task.CompletedTask;
    }

    private static string Key(string portal, string template) => portal + "\n" + template;
}
