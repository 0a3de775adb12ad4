namespace Crm.Connector.Bitrix24.Batch;

/// <summary>
/// What a batch's commands may rely on about the order they run in, once they take more than one request. Within one
/// request the portal runs them in order (bitrix24-rest.md §10); across requests only the caller knows whether order
/// matters — an installer adding stages after moving the final stage relies on it without any <c>$result</c> reference.
/// </summary>
public enum BatchOrder
{
    /// <summary>
    /// Each command runs after every command given before it: requests go one after another. A batch that only reads
    /// still goes out at once, since the order of reads cannot matter.
    /// </summary>
    AsGiven,

    /// <summary>
    /// The commands rely on each other only through <c>$result</c> references (updates of different items, say): a
    /// request waits only for the requests it refers to, and the others go out together while the bucket has room.
    /// </summary>
    Independent,
}
