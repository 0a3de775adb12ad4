using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// The CRM-neutral entities a template shapes. In amoCRM a <see cref="Deal"/> is what amoCRM calls a lead
/// ("сделка"); amoCRM has no separate lead entity.
/// </summary>
public enum CrmEntity
{
    [EnumMember(Value = "lead")]
    Lead,

    [EnumMember(Value = "deal")]
    Deal,

    [EnumMember(Value = "contact")]
    Contact,

    [EnumMember(Value = "company")]
    Company,
}
