using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model;

/// <summary>What reaching a stage means for the item.</summary>
public enum StageSemantics
{
    /// <summary>Work in progress (Bitrix24 semantics empty, amoCRM a normal status).</summary>
    [EnumMember(Value = "process")]
    Process,

    /// <summary>The single successful outcome (Bitrix24 <c>S</c>, amoCRM status 142).</summary>
    [EnumMember(Value = "success")]
    Success,

    /// <summary>A failed outcome (Bitrix24 <c>F</c>, amoCRM status 143).</summary>
    [EnumMember(Value = "failure")]
    Failure,
}
