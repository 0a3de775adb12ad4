namespace Crm.Connector.Storage.Counters;

/// <summary>
/// Named counters per installation that every instance advances together: the turn of a round-robin pool. One
/// statement reserves a run of values, so two instances distributing at once never hand out the same turn.
/// </summary>
public interface ICounters
{
    /// <summary>Advances <paramref name="name"/> by <paramref name="by"/> and returns where the reserved run starts (0 for a new counter).</summary>
    Task<long> AdvanceAsync(string memberId, string name, long by, CancellationToken cancellationToken = default);
}
