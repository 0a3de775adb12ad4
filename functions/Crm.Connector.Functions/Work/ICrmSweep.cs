using Crm.Connector.Storage.Installations;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// One CRM's catch-up for missed webhooks: the items changed since the installation's last sweep go into its inbox like
/// events (the worker compares each with its snapshot, so one whose webhook did arrive changes nothing).
/// </summary>
public interface ICrmSweep
{
    /// <summary>The installations' <see cref="Installation.Crm"/> this sweep serves.</summary>
    string Crm { get; }

    /// <summary>Sweeps one installation; returns how many items were put into the inbox.</summary>
    Task<int> SweepAsync(Installation installation, CancellationToken cancellationToken);
}
