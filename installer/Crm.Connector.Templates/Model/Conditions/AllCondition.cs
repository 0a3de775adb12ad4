namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>True when every inner condition is true.</summary>
public sealed record AllCondition(IReadOnlyList<Condition> All) : Condition;
