namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>Types of the standard CRM item fields (as <c>crm.deal.fields</c> names them).</summary>
internal enum FieldKind
{
    Integer,
    Double,
    String,
    Text,
    DateTime,
    Date,
    Char,
    CrmStatus,
    CrmCategory,
    CrmCurrency,
    User,
    CrmContact,
    CrmCompany,
    CrmLead,
    Multifield,
}
