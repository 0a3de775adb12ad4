namespace Crm.Connector.Templates.Tests.Schema;

/// <summary>The classes of damage <see cref="SchemaMutator"/> does to a template, each aimed at some schema keywords.</summary>
public enum SchemaMutation
{
    /// <summary>Removes a property (<c>required</c>, <c>minProperties</c>, <c>if</c>/<c>then</c>).</summary>
    RemoveProperty,

    /// <summary>Replaces a value with one of another JSON type (<c>type</c>, <c>anyOf</c>/<c>oneOf</c> branches).</summary>
    ChangeType,

    /// <summary>Misspells a string value (<c>enum</c>, <c>const</c>, discriminators of <c>if</c>/<c>then</c>).</summary>
    BreakEnumValue,

    /// <summary>Adds a property nobody declared (<c>additionalProperties: false</c>, <c>propertyNames</c>).</summary>
    AddUnknownProperty,

    /// <summary>Renames a property (<c>required</c>, <c>additionalProperties</c>, <c>patternProperties</c>, <c>propertyNames</c>).</summary>
    RenameProperty,

    /// <summary>Empties a string or makes it very long (<c>minLength</c>, <c>maxLength</c>, length limits inside patterns).</summary>
    StringLength,

    /// <summary>Puts characters a pattern does not allow into a string (<c>pattern</c>).</summary>
    PatternViolation,

    /// <summary>Moves a number out of range or off the integers (<c>minimum</c>, <c>maximum</c>, <c>exclusiveMinimum</c>, <c>integer</c>).</summary>
    NumberOutOfRange,

    /// <summary>Empties an array or repeats one of its items (<c>minItems</c>, <c>uniqueItems</c>).</summary>
    ArrayShape,
}
