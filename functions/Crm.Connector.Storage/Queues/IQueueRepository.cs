namespace Crm.Connector.Storage.Queues;

/// <summary>
/// The local host's queues (<c>crm-work</c>, <c>crm-work-poison</c>) with the semantics of Azure Storage queues: a
/// dequeued message is invisible for a while and comes back unless deleted; its dequeue count tells how often.
/// </summary>
public interface IQueueRepository
{
    Task<long> EnqueueAsync(string queue, string text, TimeSpan? initialVisibilityDelay = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds every text of <paramref name="texts"/> to <paramref name="queue"/>, visible at once, in one transaction: all
    /// or none. A fan-out of thousands of messages (one per portal) costs one commit instead of one each.
    /// </summary>
    Task EnqueueManyAsync(string queue, IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes up to <paramref name="max"/> visible messages, oldest first, making each invisible for
    /// <paramref name="visibilityTimeout"/>, incrementing its dequeue count and giving it a new pop receipt.
    /// </summary>
    Task<IReadOnlyList<QueueMessage>> DequeueAsync(string queue, int max, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a message; false when the receipt is stale (someone dequeued it since).</summary>
    Task<bool> DeleteAsync(QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a message visible again after <paramref name="visibilityTimeout"/> (a failed invocation).</summary>
    Task<bool> ReleaseAsync(QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Copies the message's text to <paramref name="poisonQueue"/> and deletes it, in one transaction.</summary>
    Task<bool> MoveToPoisonAsync(QueueMessage message, string poisonQueue, CancellationToken cancellationToken = default);

    /// <summary>Messages in the queue, visible or not.</summary>
    Task<int> CountAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>All messages of a queue without dequeuing (for tests and operators), oldest first.</summary>
    Task<IReadOnlyList<QueueMessage>> PeekAsync(string queue, int max, CancellationToken cancellationToken = default);
}
