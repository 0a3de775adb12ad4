namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Roles and positions have unique keys.</summary>
internal static class RoleRules
{
    public static void Check(ValidationContext context)
    {
        context.CheckUnique(context.Template.Roles, r => r.Key, i => $"$.roles[{i}].key", "role key");
        context.CheckUnique(context.Template.Positions, p => p.Key, i => $"$.positions[{i}].key", "position key");
    }
}
