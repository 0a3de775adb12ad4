using System.Collections.Concurrent;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>Wakes a queue's listener when this process enqueued something, so local work starts at once instead of at the next poll.</summary>
internal sealed class QueueSignal
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _signals = new(StringComparer.Ordinal);

    public void Notify(string queue)
    {
        var signal = _signals.GetOrAdd(queue, _ => new SemaphoreSlim(0));
        if (signal.CurrentCount == 0)
        {
            signal.Release();
        }
    }

    /// <summary>Waits until notified or <paramref name="timeout"/> passes.</summary>
    public Task WaitAsync(string queue, TimeSpan timeout, CancellationToken cancellationToken) =>
        _signals.GetOrAdd(queue, _ => new SemaphoreSlim(0)).WaitAsync(timeout, cancellationToken);
}
