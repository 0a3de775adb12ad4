namespace Crm.Connector.Storage.Inbox;

/// <summary>
/// Accepted work, durable from the moment the portal gets its 200, and claimed by exactly one worker at a time across
/// processes (a claim is a lease: a worker that dies loses it when the lease runs out, and another takes the item).
/// </summary>
public interface IInbox
{
    /// <summary>
    /// Stores the item unless one with its key is still waiting or failed: true when stored, false for a duplicate. A key
    /// whose item is already done is opened again, and one being worked on right now is marked to be worked on once more
    /// — Bitrix24 events carry a time in whole seconds, so two real changes of an item within one second look the same;
    /// reading the item once more is harmless, missing a change is not.
    /// </summary>
    Task<bool> TryAcceptAsync(InboxItem item, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending items of portal <paramref name="memberId"/> — unclaimed, or claimed
    /// under a lease that ran out — oldest first, for <paramref name="lease"/>. Each claim increments
    /// <see cref="InboxItem.Attempts"/>. Two callers never get the same item while a lease holds.
    /// </summary>
    Task<IReadOnlyList<InboxItem>> ClaimAsync(string memberId, int max, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ClaimAsync(string, int, TimeSpan, CancellationToken)"/>, recording <paramref name="owner"/> as the
    /// claim's holder, so that a worker that takes the portal over from a dead one can give that worker's claims back
    /// (<see cref="ReopenClaimsAsync"/>).
    /// </summary>
    Task<IReadOnlyList<InboxItem>> ClaimAsync(string memberId, int max, TimeSpan lease, string? owner, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes every claimed, unfinished item of the portal claimable at once, in its original order. Called by a worker
    /// that has just taken the portal's work lease over from another (which died or overran its lease): that worker's
    /// claims are dead, and waiting out their leases would let later copies of the same items be worked on first — and
    /// an item seen first through a later copy (the echo, the sweep) would not be seen as created.
    /// </summary>
    Task<int> ReopenClaimsAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Whether the portal has items a claim would take now.</summary>
    Task<bool> HasClaimableAsync(string memberId, CancellationToken cancellationToken = default);

    /// <summary>Portals with pending items received before <paramref name="receivedBefore"/> (the safety net for lost queue messages).</summary>
    Task<IReadOnlyList<string>> PortalsWithPendingAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks claimed items done — unless one was delivered again while it was being worked on (the change may have come
    /// after the worker read the item): that one stays pending and is claimable at once.
    /// </summary>
    Task CompleteAsync(IReadOnlyCollection<InboxItem> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives claimed items back after a failure: pending again (claimable after <paramref name="retryAfter"/>), or
    /// <see cref="InboxStatus.Failed"/> once they reached <paramref name="maxAttempts"/>. An item no longer pending —
    /// closed by <see cref="CloseAsync"/> while it was being worked on — is left as it is.
    /// </summary>
    Task ReleaseAsync(IReadOnlyCollection<long> ids, string failure, TimeSpan retryAfter, int maxAttempts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes every item of portal <paramref name="memberId"/> still pending — waiting, claimed by a worker, or waiting
    /// for a retry — as <see cref="InboxStatus.Done"/> without being worked on, with <paramref name="reason"/> kept in
    /// <see cref="InboxItem.Error"/>: the app was uninstalled (ONAPPUNINSTALL), nothing may be done for the portal any
    /// more, and its work must stop counting as waiting. Returns how many were closed.
    /// </summary>
    Task<int> CloseAsync(string memberId, string reason, CancellationToken cancellationToken = default);

    Task<InboxItem?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Counts by status (for health and tests), optionally for one portal.</summary>
    Task<IReadOnlyDictionary<InboxStatus, int>> CountAsync(string? memberId = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes done items received before <paramref name="before"/> (their keys stop refusing duplicates). Returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken = default);
}
