using Crm.Connector.Automation;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Work;

/// <summary>An item the worker reads in a claim: its entity (template name: <c>deal</c>, <c>lead</c>, <c>contact</c>) and CRM id.</summary>
public readonly record struct ItemRef(string Entity, long Id);

/// <summary>
/// What one item's read gave: the item (<see cref="State"/> — with the linked contact's fields as <c>contact.*</c> where
/// the rules need them — and <see cref="Raw"/>, the CRM's own form the snapshot keeps), or that it does not exist, or a
/// failure that sends its work back to the inbox.
/// </summary>
public sealed record ItemRead
{
    public ItemState? State { get; init; }

    public JObject? Raw { get; init; }

    public bool NotFound { get; init; }

    /// <summary>Why the read failed (the CRM's words), for the inbox's retry.</summary>
    public string? Failure { get; init; }

    public static ItemRead Found(ItemState state, JObject raw) => new() { State = state, Raw = raw };

    public static ItemRead Missing { get; } = new() { NotFound = true };

    public static ItemRead Failed(string why) => new() { Failure = why };
}
