using System.Collections.Concurrent;

namespace Crm.Connector.Sandbox.Bitrix24.Core;

/// <summary>The live counters behind <see cref="SandboxStats"/>; lock-free increments, snapshot on read.</summary>
internal sealed class StatsCounters
{
    private readonly ConcurrentDictionary<string, int> _methods = new(StringComparer.Ordinal);
    private int _requests;
    private int _batches;
    private int _batchCommands;
    private int _queryLimitExceeded;
    private int _operationTimeLimit;
    private int _refreshes;
    private int _refreshFailures;
    private int _redirects;
    private int _droppedConnections;
    private int _injectedErrors;
    private int _eventsQueued;
    private int _eventsDelivered;
    private int _eventsFailed;

    public void Request() => Interlocked.Increment(ref _requests);

    public void Method(string name) => _methods.AddOrUpdate(name, 1, (_, count) => count + 1);

    public void Batch() => Interlocked.Increment(ref _batches);

    public void BatchCommand() => Interlocked.Increment(ref _batchCommands);

    public void QueryLimitExceeded() => Interlocked.Increment(ref _queryLimitExceeded);

    public void OperationTimeLimit() => Interlocked.Increment(ref _operationTimeLimit);

    public void Refresh() => Interlocked.Increment(ref _refreshes);

    public void RefreshFailure() => Interlocked.Increment(ref _refreshFailures);

    public void Redirect() => Interlocked.Increment(ref _redirects);

    public void DroppedConnection() => Interlocked.Increment(ref _droppedConnections);

    public void InjectedError() => Interlocked.Increment(ref _injectedErrors);

    public void EventQueued() => Interlocked.Increment(ref _eventsQueued);

    public void EventDelivered() => Interlocked.Increment(ref _eventsDelivered);

    public void EventFailed() => Interlocked.Increment(ref _eventsFailed);

    public SandboxStats Snapshot() => new()
    {
        Requests = Volatile.Read(ref _requests),
        Methods = new SortedDictionary<string, int>(_methods.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal), StringComparer.Ordinal),
        Batches = Volatile.Read(ref _batches),
        BatchCommands = Volatile.Read(ref _batchCommands),
        QueryLimitExceeded = Volatile.Read(ref _queryLimitExceeded),
        OperationTimeLimit = Volatile.Read(ref _operationTimeLimit),
        Refreshes = Volatile.Read(ref _refreshes),
        RefreshFailures = Volatile.Read(ref _refreshFailures),
        Redirects = Volatile.Read(ref _redirects),
        DroppedConnections = Volatile.Read(ref _droppedConnections),
        InjectedErrors = Volatile.Read(ref _injectedErrors),
        EventsQueued = Volatile.Read(ref _eventsQueued),
        EventsDelivered = Volatile.Read(ref _eventsDelivered),
        EventsFailed = Volatile.Read(ref _eventsFailed),
    };

    public void Reset()
    {
        _methods.Clear();
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _batches, 0);
        Interlocked.Exchange(ref _batchCommands, 0);
        Interlocked.Exchange(ref _queryLimitExceeded, 0);
        Interlocked.Exchange(ref _operationTimeLimit, 0);
        Interlocked.Exchange(ref _refreshes, 0);
        Interlocked.Exchange(ref _refreshFailures, 0);
        Interlocked.Exchange(ref _redirects, 0);
        Interlocked.Exchange(ref _droppedConnections, 0);
        Interlocked.Exchange(ref _injectedErrors, 0);
        Interlocked.Exchange(ref _eventsQueued, 0);
        Interlocked.Exchange(ref _eventsDelivered, 0);
        Interlocked.Exchange(ref _eventsFailed, 0);
    }
}
