using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Conditions name real fields and compare them with values of the right kind.</summary>
internal static class ConditionRules
{
    public static void Check(ValidationContext context, CrmEntity entity, IReadOnlyList<StageFlow> flows, Condition? condition, string path)
    {
        switch (condition)
        {
            case null:
                return;
            case AllCondition all:
                for (var i = 0; i < all.All.Count; i++)
                {
                    Check(context, entity, flows, all.All[i], $"{path}.all[{i}]");
                }

                return;
            case AnyCondition any:
                for (var i = 0; i < any.Any.Count; i++)
                {
                    Check(context, entity, flows, any.Any[i], $"{path}.any[{i}]");
                }

                return;
            case NotCondition not:
                Check(context, entity, flows, not.Not, $"{path}.not");
                return;
            case FieldCondition comparison:
                CheckComparison(context, entity, flows, comparison, path);
                return;
        }
    }

    private static void CheckComparison(ValidationContext context, CrmEntity entity, IReadOnlyList<StageFlow> flows, FieldCondition comparison, string path)
    {
        var field = context.ResolveOrReport(entity, comparison.Field, $"{path}.field");
        if (field is null || !CheckArity(context, comparison, path))
        {
            return;
        }

        if (comparison.Op is ConditionOperator.Empty or ConditionOperator.NotEmpty)
        {
            return;
        }

        var ordering = comparison.Op is ConditionOperator.GreaterThan or ConditionOperator.GreaterThanOrEqual or ConditionOperator.LessThan or ConditionOperator.LessThanOrEqual;
        if (ordering && !field.IsNumeric)
        {
            context.Error(DiagnosticCodes.Condition, $"{path}.op", $"'{EnumNames.Of(comparison.Op)}' compares numbers, but {field.Describe()} is not a number.", "Use eq, ne, in, notIn, empty or notEmpty.");
            return;
        }

        if (field.IsDate || field.IsUser || field.IsFile)
        {
            context.Error(DiagnosticCodes.Condition, $"{path}.op", $"{field.Describe()} can only be tested for emptiness here.", "Use \"op\": \"empty\" or \"notEmpty\".");
            return;
        }

        for (var i = 0; i < comparison.Values.Count; i++)
        {
            var valuePath = comparison.Op is ConditionOperator.In or ConditionOperator.NotIn ? $"{path}.value[{i}]" : $"{path}.value";
            CheckValue(context, entity, flows, field, comparison.Values[i], valuePath);
        }
    }

    private static bool CheckArity(ValidationContext context, FieldCondition comparison, string path)
    {
        var count = comparison.Values.Count;
        var op = EnumNames.Of(comparison.Op);
        switch (comparison.Op)
        {
            case ConditionOperator.Empty or ConditionOperator.NotEmpty when count > 0:
                context.Error(DiagnosticCodes.Condition, $"{path}.value", $"'{op}' takes no value.", "Remove \"value\".");
                return false;
            case ConditionOperator.In or ConditionOperator.NotIn when count == 0:
                context.Error(DiagnosticCodes.Condition, path, $"'{op}' needs a list of values.", "Add \"value\": [\"…\", \"…\"].");
                return false;
            case not (ConditionOperator.Empty or ConditionOperator.NotEmpty or ConditionOperator.In or ConditionOperator.NotIn) when count != 1:
                context.Error(DiagnosticCodes.Condition, count == 0 ? path : $"{path}.value", $"'{op}' compares with exactly one value.", count == 0 ? "Add \"value\"." : "Use \"in\" for a list of values.");
                return false;
            default:
                return true;
        }
    }

    /// <summary>Checks that <paramref name="value"/> is something <paramref name="field"/> can hold.</summary>
    public static void CheckValue(ValidationContext context, CrmEntity entity, IReadOnlyList<StageFlow> flows, ResolvedField field, LiteralValue value, string path)
    {
        if (field.Custom is { IsList: true } list)
        {
            var codes = list.Items.Select(item => item.Code).ToList();
            if (value.Kind != LiteralKind.String || !codes.Contains(value.Text, StringComparer.Ordinal))
            {
                context.Error(DiagnosticCodes.Condition, path, $"'{value.Text}' is not an item of {field.Describe()}; its items are {Suggestions.List(codes, 20)}.", Suggestions.DidYouMean(value.Text, codes));
            }

            return;
        }

        if (field.IsBoolean && value.Kind != LiteralKind.Boolean)
        {
            context.Error(DiagnosticCodes.Condition, path, $"{field.Describe()} is yes/no; compare it with true or false, not '{value.Text}'.", "Write true or false without quotes.");
            return;
        }

        if (field.IsNumeric && value.Kind != LiteralKind.Number)
        {
            context.Error(DiagnosticCodes.Condition, path, $"{field.Describe()} is a number; '{value.Text}' is not.", "Write a number without quotes.");
            return;
        }

        switch (field.System)
        {
            case SystemFieldKind.Stage:
                if (value.Kind != LiteralKind.String)
                {
                    context.Error(DiagnosticCodes.Condition, path, "a stage is compared with a stage code.", "Write the code as a string.");
                }
                else if (flows.Count == 0)
                {
                    context.Error(DiagnosticCodes.Condition, path, $"the {EnumNames.Of(entity)} has no stages to compare with here.", "Remove the stage test.");
                }
                else
                {
                    context.CheckStage(path, value.Text, flows, flows.Count == 1 ? $"'{flows[0].FlowKey}'" : "any pipeline");
                }

                break;
            case SystemFieldKind.StageSemantics when EnumNames.Parse<StageSemantics>(value.Text) is null:
                context.Error(DiagnosticCodes.Condition, path, $"'{value.Text}' is not a stage semantics.", "Use process, success or failure.");
                break;
            case SystemFieldKind.Pipeline when context.Template.FindFlow(value.Text) is not Pipeline:
                context.Error(DiagnosticCodes.UnresolvedReference, path, $"'{value.Text}' is not a pipeline key.", Suggestions.DidYouMean(value.Text, context.Template.Pipelines.Select(p => p.Key)));
                break;
            case SystemFieldKind.Source when context.Template.Sources.Count > 0 && !context.Template.Sources.Any(s => s.Code == value.Text):
                context.Error(DiagnosticCodes.UnresolvedReference, path, $"'{value.Text}' is not one of the template's sources.", Suggestions.DidYouMean(value.Text, context.Template.Sources.Select(s => s.Code)));
                break;
        }
    }
}
