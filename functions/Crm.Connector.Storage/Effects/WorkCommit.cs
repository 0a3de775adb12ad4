using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Snapshots;

namespace Crm.Connector.Storage.Effects;

/// <summary>
/// Everything one claim decided, committed in one transaction before anything is written to the CRM: the items as they
/// will be once the effects land (snapshots), the effects themselves, the delayed checks scheduled and cancelled, the
/// decisions that write nothing (audit), and the inbox items the claim is done with. A crash before the commit leaves
/// the claim to be decided again from the same state; after it, the effects are sent — and only they — however many
/// times the item's events come back.
/// </summary>
public sealed record WorkCommit
{
    public required string MemberId { get; init; }

    public IReadOnlyCollection<EntitySnapshot> Snapshots { get; init; } = [];

    /// <summary>Items gone from the CRM: their snapshots go.</summary>
    public IReadOnlyCollection<(string Entity, long ItemId)> Deleted { get; init; } = [];

    /// <summary>Effects to record; one whose key is already recorded is left as it is.</summary>
    public IReadOnlyCollection<Effect> Effects { get; init; } = [];

    /// <summary>Entries that record decisions without a write (an entry whose key is already recorded is skipped).</summary>
    public IReadOnlyCollection<AuditEntry> Audit { get; init; } = [];

    /// <summary>Key prefixes of the portal's scheduled jobs to cancel.</summary>
    public IReadOnlyCollection<string> CancelJobs { get; init; } = [];

    public IReadOnlyCollection<ScheduledJob> ScheduleJobs { get; init; } = [];

    /// <summary>Claimed inbox items this claim is done with.</summary>
    public IReadOnlyCollection<InboxItem> Completed { get; init; } = [];

    /// <summary>
    /// The lease the claim was worked under, or null: then the commit is refused with <see cref="LeaseLostException"/>
    /// when its owner no longer holds it — another instance has taken the portal over and decides for it now.
    /// </summary>
    public WorkFence? Fence { get; init; }
}

/// <summary>The lease a <see cref="WorkCommit"/> must still hold, and how long to extend it by.</summary>
public sealed record WorkFence(string Lease, string Owner, TimeSpan Duration);

/// <summary>The worker lost its lease before it could commit: another instance works on the portal now; nothing was committed.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
