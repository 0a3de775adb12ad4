namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>
/// A test on the item's fields. In JSON either a comparison <c>{"field": "GOAL", "op": "eq", "value": "EMPLOYMENT"}</c>
/// or a group <c>{"all": [...]}</c>, <c>{"any": [...]}</c>, <c>{"not": {...}}</c>.
/// </summary>
public abstract record Condition;
