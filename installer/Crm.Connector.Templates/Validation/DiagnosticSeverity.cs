namespace Crm.Connector.Templates.Validation;

/// <summary>How bad a finding is: errors make a template invalid, warnings do not.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}
