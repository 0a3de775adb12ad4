namespace Crm.Connector.Storage.Leases;

/// <summary>
/// Named leases held by one owner at a time across every process on the store: a portal's work (one instance drains a
/// portal at a time), a timer's period (one instance runs it). A lease that runs out is free for anyone.
/// </summary>
public interface ILeases
{
    /// <summary>
    /// Takes or renews <paramref name="name"/> for <paramref name="owner"/> until now + <paramref name="duration"/>:
    /// renewed while the owner holds it, taken when it is free or its holder's time ran out.
    /// </summary>
    Task<LeaseResult> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="ILeases.TryAcquireAsync"/> found.</summary>
public enum LeaseResult
{
    /// <summary>Another owner holds it.</summary>
    Held,

    /// <summary>Still the owner's: its time was extended.</summary>
    Renewed,

    /// <summary>Newly the owner's: it was free, released, or its holder's time had run out (that holder died or overran).</summary>
    Acquired,
}
