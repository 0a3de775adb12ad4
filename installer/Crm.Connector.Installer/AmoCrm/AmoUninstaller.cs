using Crm.Connector.AmoCrm;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Ledger;

namespace Crm.Connector.Installer.AmoCrm;

/// <summary>
/// Removes what the ledger says the app created on an amoCRM account — never what it adopted or found — and never what
/// holds data: a status with leads, a field with values, a loss reason leads were lost with, a role users have are kept
/// and reported; a pipeline with leads is refused by amoCRM itself and reported as kept. Fields go before stages and
/// pipelines (a field required from a stage names it), roles and loss reasons last.
/// </summary>
internal sealed class AmoUninstaller(AmoCrmClient client, LedgerSession ledger, IProgress<ApplyProgress>? progress)
{
    public async Task<UninstallResult> RunAsync(CancellationToken cancellationToken)
    {
        var before = client.Statistics.Requests;
        var created = ledger.Ledger.Entries
            .Select(e => (Key: ResourceKey.Parse(e.Key), Entry: e.Value))
            .Where(e => e.Entry.Origin == LedgerOrigin.Created && e.Entry.PortalId.Length > 0)
            .ToList();
        var removed = new List<string>();
        var kept = new List<string>();
        var createdPipelines = created.Where(c => c.Key.Kind == ResourceKind.Pipeline).Select(c => c.Key.Path).ToHashSet(StringComparer.Ordinal);
        var inUse = await AmoData.InUseAsync(client, created, cancellationToken);
        var steps = created
            .Where(c => c.Key.Kind != ResourceKind.ListItem && !(c.Key.Kind == ResourceKind.Stage && createdPipelines.Contains(c.Key.Path[..c.Key.Path.LastIndexOf('/')])))
            .OrderBy(c => Order(c.Key.Kind))
            .ToList();
        var done = 0;
        foreach (var (key, entry) in steps)
        {
            var title = $"{key.Kind.ToString().ToLowerInvariant()} {key.Path}";
            if (inUse.TryGetValue(key.ToString(), out var why))
            {
                kept.Add($"{title}: {why}");
            }
            else
            {
                var outcome = await AmoRemoval.RemoveAsync(client, key, entry.PortalId, cancellationToken);
                if (outcome.Removed)
                {
                    removed.Add(title);
                    Forget(key, createdPipelines);
                    await ledger.SaveAsync(cancellationToken);
                }
                else
                {
                    kept.Add($"{title}: {outcome.Reason}");
                }
            }

            progress?.Report(new ApplyProgress(++done, steps.Count, title));
        }

        kept.AddRange(ledger.Ledger.Entries
            .Where(e => e.Value.Origin == LedgerOrigin.Adopted)
            .Select(e => $"{e.Key}: adopted, not created by the app — left as it is"));
        await ledger.SaveAsync(cancellationToken);
        return new UninstallResult { Removed = removed, Kept = kept, Requests = client.Statistics.Requests - before };
    }

    /// <summary>Forgets a removed object, and with a field its values, with a pipeline its stages.</summary>
    private void Forget(ResourceKey key, HashSet<string> createdPipelines)
    {
        ledger.Forget(key);
        (ResourceKind Kind, string Path)? children = key.Kind switch
        {
            ResourceKind.Field => (ResourceKind.ListItem, key.Path + "/"),
            ResourceKind.Pipeline when createdPipelines.Contains(key.Path) => (ResourceKind.Stage, key.Path + "/"),
            _ => null,
        };
        if (children is var (kind, path))
        {
            foreach (var (child, _) in ledger.Ledger.Of(kind).Where(e => e.Key.Path.StartsWith(path, StringComparison.Ordinal)).ToList())
            {
                ledger.Forget(child);
            }
        }
    }

    private static int Order(ResourceKind kind) => kind switch
    {
        ResourceKind.Field => 0,
        ResourceKind.Stage => 1,
        ResourceKind.Pipeline => 2,
        ResourceKind.LossReason => 3,
        ResourceKind.Role => 4,
        _ => 5,
    };
}
