namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// A standard field of a CRM item: the legacy (crm.deal.*) UPPER_CASE name it is stored under, the crm.item.* camelCase
/// name (null when crm.item does not expose it), its type and flags.
/// </summary>
internal sealed record FieldDefinition(string Name, string? Camel, FieldKind Kind, string Title, bool ReadOnly = false, bool Multiple = false)
{
    public string TypeName => Kind switch
    {
        FieldKind.Integer => "integer",
        FieldKind.Double => "double",
        FieldKind.String => "string",
        FieldKind.Text => "string",
        FieldKind.DateTime => "datetime",
        FieldKind.Date => "date",
        FieldKind.Char => "char",
        FieldKind.CrmStatus => "crm_status",
        FieldKind.CrmCategory => "crm_category",
        FieldKind.CrmCurrency => "crm_currency",
        FieldKind.User => "user",
        FieldKind.CrmContact => "crm_contact",
        FieldKind.CrmCompany => "crm_company",
        FieldKind.CrmLead => "crm_lead",
        FieldKind.Multifield => "crm_multifield",
        _ => "string",
    };

    public bool IsNumeric => Kind is FieldKind.Integer or FieldKind.CrmCategory or FieldKind.User or FieldKind.CrmContact or FieldKind.CrmCompany or FieldKind.CrmLead;
}
