namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>
/// Compares a field with constants. <see cref="Field"/> is a custom field code of the item, a system field
/// (<c>stage</c>, <c>amount</c>, …), or a field of the linked contact or company (<c>contact.CLIENT_KIND</c>).
/// <c>empty</c> / <c>notEmpty</c> take no value; <c>in</c> / <c>notIn</c> take a list.
/// </summary>
public sealed record FieldCondition : Condition
{
    public string Field { get; init; } = string.Empty;

    public ConditionOperator Op { get; init; } = ConditionOperator.Equal;

    /// <summary>The constants compared with (one, except for <c>in</c> / <c>notIn</c>; none for emptiness tests).</summary>
    public IReadOnlyList<LiteralValue> Values { get; init; } = [];
}
