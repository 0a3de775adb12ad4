using Crm.Connector.Storage;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// Keeps an invocation's queue messages where the local host keeps its queues (the store) and wakes the queue's
/// listener. Not cancellable: once a function succeeded its messages must be stored, even if its caller hung up.
/// </summary>
internal sealed class LocalOutputs(IStore store, QueueSignal signal)
{
    public async Task StoreAsync(LocalInvocation invocation)
    {
        foreach (var (queue, text) in invocation.Messages)
        {
            await store.Queues.EnqueueAsync(queue, text, cancellationToken: CancellationToken.None);
        }

        foreach (var queue in invocation.Messages.Select(m => m.Queue).Distinct(StringComparer.Ordinal))
        {
            signal.Notify(queue);
        }
    }
}
