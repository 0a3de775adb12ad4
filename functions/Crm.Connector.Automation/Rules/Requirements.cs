namespace Crm.Connector.Automation.Rules;

/// <summary>What a reason check found.</summary>
public enum ReasonVerdict
{
    /// <summary>A reason the stage allows.</summary>
    Given,

    /// <summary>No reason (blank counts as none).</summary>
    Missing,

    /// <summary>A reason, but not one of the stage's own.</summary>
    NotAllowed,
}

/// <summary>
/// The checks behind required fields, stage reasons and set-once fields, as pure functions of the item: what is missing,
/// whether a reason is the stage's own, which value a set-once field must get back.
/// </summary>
public static class Requirements
{
    /// <summary>The fields of <paramref name="fields"/> that hold nothing a person could read as a value (blank = missing).</summary>
    public static IReadOnlyList<string> Missing(ItemState item, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(fields);
        return [.. fields.Where(f => FieldValues.IsBlank(item[f]))];
    }

    /// <summary>
    /// Whether <paramref name="item"/>'s <paramref name="field"/> holds a reason from <paramref name="allowed"/> (item codes;
    /// empty = any non-blank value). A multi-list must hold at least one value and only allowed ones.
    /// </summary>
    public static ReasonVerdict Reason(ItemState item, string field, IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(allowed);
        var value = item[field];
        if (FieldValues.IsBlank(value))
        {
            return ReasonVerdict.Missing;
        }

        if (allowed.Count == 0)
        {
            return ReasonVerdict.Given;
        }

        var values = value is System.Collections.IEnumerable list and not string
            ? list.Cast<object?>().Where(v => !FieldValues.IsBlank(v)).Select(FieldValues.Text)
            : [FieldValues.Text(value)];
        return values.All(v => allowed.Contains(v!.Trim(), StringComparer.Ordinal)) ? ReasonVerdict.Given : ReasonVerdict.NotAllowed;
    }

    /// <summary>
    /// The value a set-once field must get back after <paramref name="change"/>: its value before, when it had one and the
    /// change replaced or cleared it; otherwise none (<c>Restore</c> false) — a first value is not a change.
    /// </summary>
    public static (bool Restore, object? Value) SetOnce(ItemChange? change, string field)
    {
        if (change?.Before is not { } before || FieldValues.IsBlank(before[field]) || FieldValues.Equal(before[field], change.After[field]))
        {
            return (false, null);
        }

        return (true, before[field]);
    }
}
