using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model;

/// <summary>The CRM a template is written for.</summary>
public enum CrmKind
{
    /// <summary>Bitrix24 (cloud), provisioned over its REST API.</summary>
    [EnumMember(Value = "bitrix24")]
    Bitrix24,

    /// <summary>amoCRM (Kommo), provisioned over API v4.</summary>
    [EnumMember(Value = "amocrm")]
    AmoCrm,
}
