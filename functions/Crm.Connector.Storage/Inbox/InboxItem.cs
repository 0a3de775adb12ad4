using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Inbox;

/// <summary>
/// Work the portal sent that is accepted but not yet done: an event about an item, or a robot call. Its
/// <see cref="Key"/> is the deduplication key — a second delivery of the same event is refused by the store.
/// </summary>
public sealed record InboxItem
{
    /// <summary>Store id (0 before it is stored).</summary>
    public long Id { get; init; }

    /// <summary>Deduplication key, e.g. <c>{member}:{event}:{item}:{ts}</c>; unique among all items ever accepted and not yet pruned.</summary>
    public required string Key { get; init; }

    public required string MemberId { get; init; }

    /// <summary><c>event</c> or <c>robot</c> (open set; the worker dispatches on it).</summary>
    public required string Kind { get; init; }

    /// <summary>The CRM entity concerned (<c>deal</c>, <c>lead</c>…), if any.</summary>
    public string? Entity { get; init; }

    public long? ItemId { get; init; }

    /// <summary>What the worker needs beyond the above (event name, robot code, event token, properties…).</summary>
    public JObject Payload { get; init; } = [];

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>How many times a worker claimed it (1 on the first claim).</summary>
    public int Attempts { get; init; }

    public InboxStatus Status { get; init; } = InboxStatus.Pending;

    /// <summary>The last failure, when it failed; or why it was closed without being worked on (<see cref="IInbox.CloseAsync"/>).</summary>
    public string? Error { get; init; }
}
