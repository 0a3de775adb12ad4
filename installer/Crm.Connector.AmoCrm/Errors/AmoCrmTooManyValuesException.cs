namespace Crm.Connector.AmoCrm.Errors;

/// <summary>
/// An entity write with more than 40 custom field values (amoCRM's limit per entity, amocrm-api.md §4.4) where the
/// client may not split it into the write and follow-up PATCHes (<see cref="AmoCrmClientOptions.SplitCustomFieldValues"/> off).
/// </summary>
public sealed class AmoCrmTooManyValuesException(string call, int index, int count)
    : AmoCrmException(call, null, "Too many custom field values", $"entity #{index} has {count} custom field values; amoCRM takes at most {AmoLimits.ValuesPerEntity} per write", null)
{
    /// <summary>Position of the entity in the caller's list.</summary>
    public int Index { get; } = index;

    public int Count { get; } = count;
}
