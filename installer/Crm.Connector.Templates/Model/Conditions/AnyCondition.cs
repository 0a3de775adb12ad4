namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>True when at least one inner condition is true.</summary>
public sealed record AnyCondition(IReadOnlyList<Condition> Any) : Condition;
