using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Validation;

namespace Crm.Connector.Templates.Loading;

/// <summary>The outcome of loading a template: the model (when it could be read) and every finding.</summary>
public sealed record TemplateLoadResult(string Source, CrmTemplate? Template, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>True when the template was read and has no errors (warnings allowed).</summary>
    public bool IsValid => Template is not null && !Diagnostics.Any(d => d.IsError);

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
