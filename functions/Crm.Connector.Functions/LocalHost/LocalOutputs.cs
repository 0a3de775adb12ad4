using Crm.Connector.Storage;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// Keeps an invocation's queue messages where the local host keeps its queues (the store) and wakes the queue's
/// listener. Each queue's messages are stored in one transaction (a fan-out of thousands is one commit). Not
/// cancellable: once a function succeeded its messages must be stored, even if its caller hung up.
/// </summary>
internal sealed class LocalOutputs(IStore store, QueueSignal signal)
{
    public async Task StoreAsync(LocalInvocation invocation)
    {
        foreach (var queue in invocation.Messages.GroupBy(m => m.Queue, m => m.Text, StringComparer.Ordinal))
        {
            await store.Queues.EnqueueManyAsync(queue.Key, [.. queue], CancellationToken.None);
            signal.Notify(queue.Key);
        }
    }
}
