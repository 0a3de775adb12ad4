using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>Comparison operators of a <see cref="FieldCondition"/>.</summary>
public enum ConditionOperator
{
    [EnumMember(Value = "eq")]
    Equal,

    [EnumMember(Value = "ne")]
    NotEqual,

    /// <summary>The value is one of a list (for multi-valued fields: any value is).</summary>
    [EnumMember(Value = "in")]
    In,

    [EnumMember(Value = "notIn")]
    NotIn,

    [EnumMember(Value = "empty")]
    Empty,

    [EnumMember(Value = "notEmpty")]
    NotEmpty,

    [EnumMember(Value = "gt")]
    GreaterThan,

    [EnumMember(Value = "gte")]
    GreaterThanOrEqual,

    [EnumMember(Value = "lt")]
    LessThan,

    [EnumMember(Value = "lte")]
    LessThanOrEqual,
}
