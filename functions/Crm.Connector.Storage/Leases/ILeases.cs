namespace Crm.Connector.Storage.Leases;

/// <summary>
/// Named leases held by one owner at a time across every process on the store: a portal's work (one instance drains a
/// portal at a time, renewing its lease as it goes) and a timer's period (one instance runs it; <c>TimerLease</c> in the
/// function app). A lease that runs out is free for anyone. Each is a row per name, so taking one is atomic.
/// </summary>
public interface ILeases
{
    /// <summary>
    /// Takes or renews <paramref name="name"/> for <paramref name="owner"/> until now + <paramref name="duration"/>:
    /// renewed while the owner holds it, taken when it is free or its holder's time ran out.
    /// </summary>
    Task<LeaseResult> TryAcquireAsync(string name, string owner, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="owner"/> until <paramref name="until"/> when nobody
    /// holds it or its holder's time has run out (the store's clock). True when this call took it; false when someone
    /// holds it — the same owner included: a lease taken this way is taken once, never renewed by asking again.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up if <paramref name="owner"/> still holds it.</summary>
    Task ReleaseAsync(string name, string owner, CancellationToken cancellationToken = default);

    /// <summary>Who holds <paramref name="name"/> and until when, or null when nobody ever took it (for operators and tests).</summary>
    Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>What <see cref="ILeases.TryAcquireAsync(string, string, TimeSpan, CancellationToken)"/> found.</summary>
public enum LeaseResult
{
    /// <summary>Another owner holds it.</summary>
    Held,

    /// <summary>Still the owner's: its time was extended.</summary>
    Renewed,

    /// <summary>Newly the owner's: it was free, released, or its holder's time had run out (that holder died or overran).</summary>
    Acquired,
}
