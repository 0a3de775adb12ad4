using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Effects;

/// <summary>
/// A write the worker decided to make — a field update, a task, a comment, a notification, a deal copy, an invoice —
/// recorded before it is sent and confirmed after. <see cref="Key"/> is the occurrence key (the same one the audit
/// keeps), so an effect is recorded once however often its cause is seen. <see cref="Commands"/> are the CRM's own
/// requests as its adapter wrote them; the store does not read them.
/// </summary>
public sealed record Effect
{
    public required string Key { get; init; }

    public required string MemberId { get; init; }

    /// <summary>The item the effect is about (the audit's entity and id), if any.</summary>
    public string? Entity { get; init; }

    public long? ItemId { get; init; }

    /// <summary>What it does, as the audit names it (<c>task</c>, <c>setFields</c>, <c>robotAnswer</c>…).</summary>
    public required string Action { get; init; }

    /// <summary>Why, in words.</summary>
    public required string Cause { get; init; }

    public JObject Detail { get; init; } = [];

    /// <summary>The requests that make the effect, for the CRM adapter that wrote them.</summary>
    public required JArray Commands { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many times a send was tried and did not come back confirmed.</summary>
    public int Attempts { get; init; }

    public EffectStatus Status { get; init; } = EffectStatus.Pending;

    /// <summary>The last failure.</summary>
    public string? Error { get; init; }
}

public enum EffectStatus
{
    /// <summary>Recorded; not known to have landed.</summary>
    Pending,

    /// <summary>Landed (confirmed by the CRM's answer, or found there after a crash); audited.</summary>
    Done,

    /// <summary>Refused by the CRM at every attempt; audited as failed.</summary>
    Failed,
}
