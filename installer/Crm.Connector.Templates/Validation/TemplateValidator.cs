using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Validation.Rules;

namespace Crm.Connector.Templates.Validation;

/// <summary>
/// The semantic rules a JSON Schema cannot express: unique keys, references that resolve, stage order and semantics,
/// CRM limits (Bitrix24 STATUS_ID, amoCRM colours), plan names, and settings that point at fields of the right type.
/// Findings carry JSON paths; <see cref="Loading.TemplateLoader"/> adds file and line.
/// </summary>
public static class TemplateValidator
{
    /// <summary>Every semantic finding about <paramref name="template"/>, all at once.</summary>
    public static IReadOnlyList<Diagnostic> Validate(CrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var context = new ValidationContext(template);
        IdentityRules.Check(context);
        CapabilityRules.Check(context);
        StageRules.Check(context);
        FieldRules.Check(context);
        RoleRules.Check(context);
        ProcessRules.Check(context);
        AutomationRules.Check(context);
        RobotRules.Check(context);
        PlacementRules.Check(context);
        return context.Diagnostics;
    }
}
