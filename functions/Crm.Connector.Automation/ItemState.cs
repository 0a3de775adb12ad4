namespace Crm.Connector.Automation;

/// <summary>
/// A CRM item as the rules see it: the entity, its id and its field values by the template's names — custom fields by
/// their template code (<c>TEST_RULES</c>), built-in ones by name (<c>stage</c>, <c>pipeline</c>, <c>amount</c>,
/// <c>title</c>, <c>responsible</c>). Values are strings, numbers, booleans, lists of those, or null.
/// </summary>
public sealed record ItemState(string Entity, long Id, IReadOnlyDictionary<string, object?> Fields)
{
    /// <summary>The value of <paramref name="field"/>, or null when the item has none.</summary>
    public object? this[string field] => Fields.GetValueOrDefault(field);

    /// <summary>The item's stage code (template code, no CRM prefix), or null.</summary>
    public string? Stage => this[BuiltInFields.Stage] as string;

    /// <summary>The template key of the item's pipeline (deals), or null.</summary>
    public string? Pipeline => this[BuiltInFields.Pipeline] as string;
}
