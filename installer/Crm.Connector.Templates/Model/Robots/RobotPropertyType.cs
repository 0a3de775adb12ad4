using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model.Robots;

/// <summary>Types of robot parameters and return values (the Bitrix24 <c>bizproc.robot.add</c> set).</summary>
public enum RobotPropertyType
{
    [EnumMember(Value = "bool")]
    Bool,

    [EnumMember(Value = "date")]
    Date,

    [EnumMember(Value = "datetime")]
    DateTime,

    [EnumMember(Value = "double")]
    Double,

    [EnumMember(Value = "file")]
    File,

    [EnumMember(Value = "int")]
    Int,

    [EnumMember(Value = "select")]
    Select,

    [EnumMember(Value = "string")]
    String,

    [EnumMember(Value = "text")]
    Text,

    [EnumMember(Value = "user")]
    User,
}
