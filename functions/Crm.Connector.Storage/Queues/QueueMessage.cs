namespace Crm.Connector.Storage.Queues;

/// <summary>A message of the local durable queue, as an Azure Storage queue would hand it over.</summary>
public sealed record QueueMessage
{
    public required long Id { get; init; }

    public required string Queue { get; init; }

    public required string Text { get; init; }

    /// <summary>How many times it was dequeued, this time included.</summary>
    public required int DequeueCount { get; init; }

    public required DateTimeOffset InsertedAt { get; init; }

    /// <summary>When it becomes visible again if not deleted.</summary>
    public required DateTimeOffset NextVisibleAt { get; init; }

    /// <summary>Changes on every dequeue: only the holder of the latest receipt may delete or release it.</summary>
    public required string PopReceipt { get; init; }
}
