using Crm.Connector.Storage;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Leases;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// A portal's work lease as one drain holds it: only its holder claims the portal's inbox, commits decisions and sends
/// effects, so an item is never worked on by two instances at once and an effect is never sent by two.
/// </summary>
public sealed class WorkLease(IStore store, string memberId, TimeSpan duration)
{
    /// <summary>This process's name as a lease owner (unique per process start).</summary>
    public static readonly string Instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    public string Name { get; } = "work:" + memberId;

    /// <summary>What a commit must still hold (<see cref="WorkCommit.Fence"/>).</summary>
    public WorkFence Fence => new(Name, Instance, duration);

    /// <summary>Takes or renews the lease.</summary>
    public Task<LeaseResult> AcquireAsync(CancellationToken cancellationToken) => store.Leases.TryAcquireAsync(Name, Instance, duration, cancellationToken);

    /// <summary>
    /// Renews the lease; false when it ran out meanwhile — even if nobody holds it now, another instance may have held
    /// it and sent this portal's recorded effects, so what this drain was about to send is no longer its to send.
    /// </summary>
    public async Task<bool> RenewAsync(CancellationToken cancellationToken) => await AcquireAsync(cancellationToken) == LeaseResult.Renewed;

    public Task ReleaseAsync() => store.Leases.ReleaseAsync(Name, Instance, CancellationToken.None);
}
