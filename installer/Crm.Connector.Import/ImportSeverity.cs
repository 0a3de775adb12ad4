namespace Crm.Connector.Import;

/// <summary>An error keeps the row out of the CRM; a warning does not.</summary>
public enum ImportSeverity
{
    Error,
    Warning,
}
