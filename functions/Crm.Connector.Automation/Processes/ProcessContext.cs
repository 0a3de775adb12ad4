using Crm.Connector.Automation.Time;

namespace Crm.Connector.Automation.Processes;

/// <summary>What a process may know besides the item: the moment, the portal's calendar, and a robot call's properties.</summary>
/// <param name="Now">The current moment (from the caller's clock, never read here).</param>
/// <param name="Calendar">The portal's calendar: time zone, working days, holidays.</param>
/// <param name="Properties">A robot call's properties (empty when an event or automation runs the process).</param>
public sealed record ProcessContext(DateTimeOffset Now, BusinessCalendar Calendar, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>How a person reads a field's value (list item names rather than codes); by default its text.</summary>
    public Func<string, object?, string> Describe { get; init; } = (_, value) => value is System.Collections.IEnumerable list && value is not string
        ? string.Join(", ", list.Cast<object?>().Select(FieldValues.Text))
        : FieldValues.Text(value) ?? string.Empty;

    /// <summary>The installed template (for processes that look beyond their own settings, e.g. the deal's fields).</summary>
    public Templates.Model.CrmTemplate? Template { get; init; }

    /// <summary>A context with no robot properties.</summary>
    public static ProcessContext At(DateTimeOffset now, BusinessCalendar calendar) =>
        new(now, calendar, new Dictionary<string, string>(StringComparer.Ordinal));
}
