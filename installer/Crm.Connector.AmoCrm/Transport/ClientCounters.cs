namespace Crm.Connector.AmoCrm.Transport;

/// <summary>The counters behind <see cref="AmoClientStatistics"/>, shared by the API transport and the token endpoint.</summary>
internal sealed class ClientCounters
{
    private int _requests;
    private int _throttled;
    private int _retries;
    private int _refreshes;
    private int _splitWrites;

    public void Request() => Interlocked.Increment(ref _requests);

    public void Throttle() => Interlocked.Increment(ref _throttled);

    public void Retry() => Interlocked.Increment(ref _retries);

    public void Refresh() => Interlocked.Increment(ref _refreshes);

    public void Split() => Interlocked.Increment(ref _splitWrites);

    public AmoClientStatistics Snapshot() => new(
        Volatile.Read(ref _requests),
        Volatile.Read(ref _throttled),
        Volatile.Read(ref _retries),
        Volatile.Read(ref _refreshes),
        Volatile.Read(ref _splitWrites));
}
