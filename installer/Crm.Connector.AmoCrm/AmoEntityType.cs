namespace Crm.Connector.AmoCrm;

/// <summary>The CRM entities that carry custom fields, notes and links; the API path segment is lower-case plural.</summary>
public enum AmoEntityType
{
    /// <summary><c>leads</c>.</summary>
    Leads,

    /// <summary><c>contacts</c>.</summary>
    Contacts,

    /// <summary><c>companies</c>.</summary>
    Companies,
}
