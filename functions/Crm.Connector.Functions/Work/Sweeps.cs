using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;

namespace Crm.Connector.Functions.Work;

/// <summary>Runs the sweep of an installation's CRM (<see cref="ICrmSweep"/>) when one is asked for.</summary>
public sealed class Sweeps(IStore store, IEnumerable<ICrmSweep> sweeps, IEnumerable<ICrmWorkAdapter> adapters)
{
    private readonly Dictionary<string, ICrmSweep> _sweeps = sweeps.ToDictionary(s => s.Crm, StringComparer.Ordinal);

    /// <summary>
    /// Sweeps <paramref name="memberId"/> as asked at <paramref name="requestedAt"/> (one <c>reconcile-portal</c>
    /// message). Skipped — null — when the installation is no longer active, or was swept since it was asked: the message
    /// came twice, several instances starting together each asked, or the queue fell behind and holds an older request
    /// too. Otherwise returns how many items were put into the inbox.
    /// </summary>
    public async Task<int?> SweepRequestedAsync(string memberId, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is not { Status: InstallationStatus.Active } || installation.SweptUntil >= requestedAt || !_sweeps.TryGetValue(installation.Crm, out var sweep))
        {
            return null;
        }

        return await sweep.SweepAsync(installation, cancellationToken);
    }

    /// <summary>The CRM's failure in words when <paramref name="exception"/> is one (the sweep is left for the next period), else null.</summary>
    public string? FailureOf(Exception exception) => adapters.Select(a => a.FailureOf(exception)).FirstOrDefault(f => f is not null);
}
