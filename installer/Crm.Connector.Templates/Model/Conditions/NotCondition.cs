namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>True when the inner condition is false.</summary>
public sealed record NotCondition(Condition Not) : Condition;
