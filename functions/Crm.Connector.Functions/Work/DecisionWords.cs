using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// A business process's decision in words for the log: why, and what it did to the item —
/// <c>admission scoring: total 370 &lt; 425; «Допуск к тесту» (TEST_ADMISSION) yes → no</c> — so whoever watches the
/// log (the demo's reader first) sees the app's answer, not a count of writes.
/// </summary>
internal static class DecisionWords
{
    /// <param name="mapper">The portal's item mapper (field names, list item names).</param>
    /// <param name="before">The item as read, before the app's writes.</param>
    /// <param name="decision">What the process decided.</param>
    /// <param name="written">The values written (by template name): only those that differed.</param>
    public static string Of(IItemMapper mapper, ItemState before, ProcessDecision decision, IReadOnlyDictionary<string, object?> written)
    {
        ArgumentNullException.ThrowIfNull(mapper);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(written);
        var parts = new List<string>();
        foreach (var (field, value) in decision.SetFields)
        {
            var name = Name(mapper, before.Entity, field);
            parts.Add(written.TryGetValue(field, out var now)
                ? $"{name} {Value(mapper, before.Entity, field, before[field])} → {Value(mapper, before.Entity, field, now)}"
                : $"{name} already {Value(mapper, before.Entity, field, value)}");
        }

        if (decision.Comments.Count > 0)
        {
            parts.Add(decision.Comments.Count == 1 ? "a comment added" : $"{decision.Comments.Count} comments added");
        }

        var reason = decision.Reason.Length > 0 ? decision.Reason : "decided";
        return parts.Count == 0 ? reason : $"{reason}; {string.Join(", ", parts)}";
    }

    private static string Name(IItemMapper mapper, string entity, string field) =>
        EnumNames.Parse<Templates.Model.CrmEntity>(entity) is { } crmEntity && mapper.Template.Fields.Find(crmEntity, field) is { } definition
            ? $"«{definition.Name.Get()}» ({field})"
            : field;

    private static string Value(IItemMapper mapper, string entity, string field, object? value) => value switch
    {
        null => "empty",
        bool b => b ? "yes" : "no",
        decimal or double or int or long => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
        _ when FieldValues.IsEmpty(value) => "empty",
        _ => mapper.Display(entity, field, value),
    };
}
