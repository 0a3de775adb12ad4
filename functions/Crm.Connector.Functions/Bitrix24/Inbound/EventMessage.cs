using System.Globalization;

namespace Crm.Connector.Functions.Bitrix24.Inbound;

/// <summary>
/// A CRM event delivered to the events URL (bitrix24-rest.md §4.3): the event name, the item's id and, for a move to
/// another pipeline, its new pipeline and stage. Events carry no field values; the worker reads the item.
/// </summary>
public sealed record EventMessage
{
    /// <summary>Upper-case event name, e.g. <c>ONCRMDEALUPDATE</c>.</summary>
    public required string Event { get; init; }

    public required string MemberId { get; init; }

    public required string ApplicationToken { get; init; }

    /// <summary><c>deal</c> or <c>lead</c>.</summary>
    public required string Entity { get; init; }

    public required long ItemId { get; init; }

    /// <summary>When the portal's queue sent it (unix seconds, as given).</summary>
    public required string Ts { get; init; }

    public string? CategoryId { get; init; }

    public string? StageId { get; init; }

    /// <summary>The events the app binds and understands.</summary>
    public static readonly IReadOnlyDictionary<string, string> Entities = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ONCRMDEALADD"] = "deal",
        ["ONCRMDEALUPDATE"] = "deal",
        ["ONCRMDEALMOVETOCATEGORY"] = "deal",
        ["ONCRMDEALDELETE"] = "deal",
        ["ONCRMLEADADD"] = "lead",
        ["ONCRMLEADUPDATE"] = "lead",
        ["ONCRMLEADDELETE"] = "lead",
    };

    /// <summary>The deduplication key: the same delivery repeated has the same event, item and <c>ts</c>.</summary>
    public string DedupeKey => $"{MemberId}:{Event}:{ItemId}:{Ts}";

    public bool IsDelete => Event.EndsWith("DELETE", StringComparison.Ordinal);

    public bool IsAdd => Event.EndsWith("ADD", StringComparison.Ordinal);

    public override string ToString() => $"{Event} {Entity} {ItemId} (member {MemberId})";

    /// <summary>Reads an event form; the error names the missing or bad field.</summary>
    public static (EventMessage? Message, string? Error) Parse(FormBody form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var name = form.Get("event")?.ToUpperInvariant();
        if (string.IsNullOrEmpty(name))
        {
            return (null, "event is required.");
        }

        if (!Entities.TryGetValue(name, out var entity))
        {
            return (null, $"event '{(name.Length <= 40 ? name : name[..40])}' is not one the app handles.");
        }

        var member = form.Get("auth", "member_id");
        var token = form.Get("auth", "application_token");
        if (string.IsNullOrEmpty(member) || string.IsNullOrEmpty(token))
        {
            return (null, "auth[member_id] and auth[application_token] are required.");
        }

        if (!long.TryParse(form.Get("data", "FIELDS", "ID"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            return (null, "data[FIELDS][ID] must be a positive whole number.");
        }

        var ts = form.Get("ts") ?? string.Empty;
        if (ts.Length > 20 || !ts.All(char.IsAsciiDigit))
        {
            return (null, "ts must be a unix time in seconds.");
        }

        return (new EventMessage
        {
            Event = name,
            MemberId = member,
            ApplicationToken = token,
            Entity = entity,
            ItemId = id,
            Ts = ts,
            CategoryId = form.Get("data", "FIELDS", "CATEGORY_ID"),
            StageId = form.Get("data", "FIELDS", "STAGE_ID"),
        }, null);
    }
}
