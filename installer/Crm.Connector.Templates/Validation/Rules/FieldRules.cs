using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Custom fields: unique codes, list items, multiplicity, stage-dependent requirements; built-in requirements.</summary>
internal static class FieldRules
{
    public static void Check(ValidationContext context)
    {
        var template = context.Template;
        context.CheckUnique(template.Sources, s => s.Code, i => $"$.sources[{i}].code", "source code");
        foreach (var entity in Enum.GetValues<CrmEntity>())
        {
            var fields = template.Fields.For(entity);
            var path = ValidationContext.FieldsPath(entity);
            context.CheckUnique(fields, f => f.Code, i => $"{path}[{i}].code", "field code");
            for (var i = 0; i < fields.Count; i++)
            {
                CheckField(context, entity, fields[i], $"{path}[{i}]");
            }

            var required = template.RequiredSystemFields.For(entity);
            for (var i = 0; i < required.Count; i++)
            {
                if (SystemFields.Find(entity, required[i]) is null)
                {
                    context.Error(DiagnosticCodes.UnresolvedReference, $"$.requiredSystemFields.{EnumNames.Of(entity)}[{i}]", $"the {EnumNames.Of(entity)} has no built-in field '{required[i]}'.", $"Its built-in fields are {Suggestions.List(SystemFields.Of(entity).Keys)}.");
                }
            }
        }
    }

    private static void CheckField(ValidationContext context, CrmEntity entity, FieldDefinition field, string path)
    {
        context.CheckPlan($"{path}.requiresPlan", field.RequiresPlan);

        if (field.Code.StartsWith("UF_", StringComparison.Ordinal))
        {
            context.Error(DiagnosticCodes.FieldCode, $"{path}.code", $"field code '{field.Code}' carries a CRM prefix; Bitrix24 adds UF_CRM_ itself.", $"Use '{field.Code[(field.Code.StartsWith("UF_CRM_", StringComparison.Ordinal) ? 7 : 3)..]}'.");
        }

        if (field.IsList && field.Items.Count == 0)
        {
            context.Error(DiagnosticCodes.ListItems, $"{path}.items", $"list field '{field.Code}' has no items.", "Add \"items\": [{\"code\": \"…\", \"name\": \"…\"}].");
        }
        else if (!field.IsList && field.Items.Count > 0)
        {
            context.Error(DiagnosticCodes.ListItems, $"{path}.items", $"field '{field.Code}' is a {EnumNames.Of(field.Type)} field; only list and multi-list fields have items.", "Change \"type\" to \"list\" or remove \"items\".");
        }

        context.CheckUnique(field.Items, item => item.Code, i => $"{path}.items[{i}].code", "item code");
        if (field.Type == FieldType.List && field.Items.Count(item => item.Default) > 1)
        {
            context.Error(DiagnosticCodes.ListItems, $"{path}.items", $"list field '{field.Code}' has several default items; a single choice has at most one.", "Keep \"default\": true on one item, or make the field a multi-list.");
        }

        if (field.Multiple && field.Type is FieldType.Boolean or FieldType.List or FieldType.MultiList)
        {
            context.Error(
                DiagnosticCodes.FieldMultiple,
                $"{path}.multiple",
                $"a {EnumNames.Of(field.Type)} field cannot be multiple.",
                field.Type == FieldType.List ? "Use \"type\": \"multi-list\" for several choices." : "Remove \"multiple\".");
        }

        for (var i = 0; i < field.RequiredFrom.Count; i++)
        {
            CheckRequiredFrom(context, entity, field.RequiredFrom[i], $"{path}.requiredFrom[{i}]");
        }
    }

    private static void CheckRequiredFrom(ValidationContext context, CrmEntity entity, StageRef reference, string path)
    {
        switch (entity)
        {
            case CrmEntity.Contact or CrmEntity.Company:
                context.Error(DiagnosticCodes.FieldRequiredFrom, path, $"a {EnumNames.Of(entity)} has no stages, so a field cannot be required from one.", "Use \"required\": true, or put the requirement on the deal (requireFields with contact.CODE).");
                return;
            case CrmEntity.Lead when reference.Pipeline is not null && reference.Pipeline != LeadFunnel.Key:
                context.Error(DiagnosticCodes.FieldRequiredFrom, $"{path}.pipeline", "lead stages belong to the lead funnel; a lead field cannot name a deal pipeline.", "Remove \"pipeline\".");
                return;
            case CrmEntity.Deal when reference.Pipeline is null:
                context.Error(DiagnosticCodes.FieldRequiredFrom, path, "a deal field required from a stage must name the pipeline of that stage.", $"Add \"pipeline\": one of {Suggestions.List(context.Template.Pipelines.Select(p => p.Key))}.");
                return;
        }

        var flowKey = reference.FlowKey(entity);
        var flow = context.Template.FindFlow(flowKey);
        if (flow is null)
        {
            context.Error(
                DiagnosticCodes.UnresolvedReference,
                entity == CrmEntity.Lead ? path : $"{path}.pipeline",
                entity == CrmEntity.Lead ? "the template has no lead funnel." : $"pipeline '{flowKey}' is not defined in $.pipelines.",
                Suggestions.DidYouMean(flowKey, context.Template.Pipelines.Select(p => p.Key)));
            return;
        }

        context.CheckStage($"{path}.stage", reference.Stage, [flow], flow is LeadFunnel ? "the lead funnel" : $"pipeline '{flowKey}'");
    }
}
