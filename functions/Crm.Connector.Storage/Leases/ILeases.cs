namespace Crm.Connector.Storage.Leases;

/// <summary>
/// Named leases shared by every process on the store: whoever takes one holds it until its time runs out, and nobody
/// else can take it before. The app uses them to let exactly one instance do a timer's work per period (see
/// <c>TimerLease</c> in the function app); they are a row per name, so taking one is one atomic statement.
/// </summary>
public interface ILeases
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="owner"/> until <paramref name="until"/> when nobody
    /// holds it or its holder's time has run out (the store's clock). True when this call took it; false when someone
    /// holds it — the same owner included: a lease is taken once, never renewed by asking again.
    /// </summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset until, CancellationToken cancellationToken = default);

    /// <summary>Who holds <paramref name="name"/> and until when, or null when nobody ever took it (for operators and tests).</summary>
    Task<Lease?> GetAsync(string name, CancellationToken cancellationToken = default);
}
