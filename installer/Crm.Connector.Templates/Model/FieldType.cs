using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model;

/// <summary>CRM-neutral custom field types; each CRM backend maps them to its own.</summary>
public enum FieldType
{
    /// <summary>One line of text (Bitrix24 <c>string</c>, amoCRM <c>text</c>).</summary>
    [EnumMember(Value = "string")]
    String,

    /// <summary>Multi-line text (Bitrix24 <c>string</c> with rows, amoCRM <c>textarea</c>).</summary>
    [EnumMember(Value = "text")]
    Text,

    [EnumMember(Value = "integer")]
    Integer,

    /// <summary>A decimal number (Bitrix24 <c>double</c>, amoCRM <c>numeric</c>).</summary>
    [EnumMember(Value = "number")]
    Number,

    /// <summary>An amount with currency (Bitrix24 <c>money</c>, amoCRM <c>monetary</c>).</summary>
    [EnumMember(Value = "money")]
    Money,

    /// <summary>Yes / no (cannot be multiple).</summary>
    [EnumMember(Value = "boolean")]
    Boolean,

    [EnumMember(Value = "date")]
    Date,

    [EnumMember(Value = "datetime")]
    DateTime,

    /// <summary>A date of birth (amoCRM <c>birthday</c>; a date elsewhere).</summary>
    [EnumMember(Value = "birthday")]
    Birthday,

    /// <summary>One choice from <see cref="FieldDefinition.Items"/>.</summary>
    [EnumMember(Value = "list")]
    List,

    /// <summary>Several choices from <see cref="FieldDefinition.Items"/>.</summary>
    [EnumMember(Value = "multi-list")]
    MultiList,

    /// <summary>An employee of the portal (Bitrix24 <c>employee</c>).</summary>
    [EnumMember(Value = "user")]
    User,

    [EnumMember(Value = "file")]
    File,

    [EnumMember(Value = "url")]
    Url,

    [EnumMember(Value = "address")]
    Address,
}
