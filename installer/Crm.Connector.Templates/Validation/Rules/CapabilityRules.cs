using System.Collections.Frozen;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Parts the target CRM cannot hold.</summary>
internal static class CapabilityRules
{
    public static FrozenSet<string> AmoCrmColors => AmoCrmStageColors.Allowed;

    public static void Check(ValidationContext context)
    {
        var template = context.Template;
        if (template.Crm != CrmKind.AmoCrm)
        {
            return;
        }

        if (template.LeadFunnel is not null)
        {
            context.Error(DiagnosticCodes.CrmCapability, "$.leadFunnel", "amoCRM has no separate lead entity, so no lead funnel.", "Model the first stages of the main pipeline instead, and remove \"leadFunnel\".");
        }

        if (template.Fields.Lead.Count > 0)
        {
            context.Error(DiagnosticCodes.CrmCapability, "$.fields.lead", "amoCRM has no separate lead entity; its deals (\"сделки\") are \"deal\" here.", "Move these fields to \"deal\".");
        }

        if (template.Robots.Count > 0)
        {
            context.Error(DiagnosticCodes.CrmCapability, "$.robots", "robots are a Bitrix24 feature; amoCRM has none.", "Remove \"robots\"; automations run the processes.");
        }

        if (template.Placements.Count > 0)
        {
            context.Error(DiagnosticCodes.CrmCapability, "$.placements", "placements (buttons on the deal card) are installed on Bitrix24 only; the product has no amoCRM widget.", "Remove \"placements\"; automations run the processes.");
        }

        foreach (var flow in template.Flows)
        {
            for (var i = 0; i < flow.Stages.Count; i++)
            {
                var color = flow.Stages[i].Color;
                if (color is not null && !AmoCrmColors.Contains(color))
                {
                    context.Error(DiagnosticCodes.CrmCapability, $"{context.PathOf(flow)}.stages[{i}].color", $"amoCRM accepts only its 21 stage colours, not '{color}'.", $"Pick one of {string.Join(", ", AmoCrmColors.Order(StringComparer.Ordinal))}.");
                }
            }
        }

        foreach (var (entity, field) in template.Fields.All.Where(f => f.Field.Type == FieldType.User))
        {
            var index = template.Fields.For(entity).ToList().IndexOf(field);
            context.Error(DiagnosticCodes.CrmCapability, $"{ValidationContext.FieldsPath(entity)}[{index}].type", "amoCRM has no user (employee) field type.", "Use a list of names, or the built-in responsible user.");
        }
    }
}
