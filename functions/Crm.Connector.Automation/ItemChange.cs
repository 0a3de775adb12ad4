namespace Crm.Connector.Automation;

/// <summary>
/// What happened to an item between the last time the app saw it and now: created, which fields changed, which stage
/// it entered. Built by comparing snapshots, since CRM events carry only an id.
/// </summary>
public sealed record ItemChange
{
    public required ItemState After { get; init; }

    /// <summary>The item as last seen; null when the app never saw it.</summary>
    public ItemState? Before { get; init; }

    /// <summary>The CRM reported it as new (an add event).</summary>
    public bool Created { get; init; }

    /// <summary>
    /// Fields whose value differs from <see cref="Before"/>; when there is no before, every field that holds a value — a
    /// blank seen for the first time is not a change (a sweep meeting an untouched item must not act on its empty
    /// fields, and a new item's empty fields were not set by anyone).
    /// </summary>
    public IReadOnlySet<string> ChangedFields { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The stage it moved into, if it moved (or was created in one).</summary>
    public string? StageEntered { get; init; }

    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static ItemChange Between(ItemState? before, ItemState after, bool created)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (field, value) in after.Fields)
        {
            if (before is null ? !FieldValues.IsEmpty(value) : !FieldValues.Equal(before[field], value))
            {
                changed.Add(field);
            }
        }

        if (before is not null)
        {
            foreach (var field in before.Fields.Keys.Where(f => !after.Fields.ContainsKey(f)))
            {
                changed.Add(field);
            }
        }

        var stageMoved = after.Stage is not null && (created || (before is not null && (before.Stage != after.Stage || before.Pipeline != after.Pipeline)));
        return new ItemChange
        {
            After = after,
            Before = before,
            Created = created,
            ChangedFields = changed,
            StageEntered = stageMoved ? after.Stage : null,
        };
    }
}
