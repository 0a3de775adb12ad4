namespace Crm.Connector.Storage.Inbox;

public enum InboxStatus
{
    /// <summary>Waiting for a worker (or claimed by one whose lease has not run out).</summary>
    Pending,

    /// <summary>Done; the row stays (as its key) to refuse duplicates until pruned.</summary>
    Done,

    /// <summary>Gave up after the maximum attempts; kept with its error for an operator.</summary>
    Failed,
}
