using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Pipelines and the lead funnel: unique keys and codes, stage order and semantics, code lengths, reasons.</summary>
internal static class StageRules
{
    /// <summary>
    /// Bitrix24 caps STATUS_ID at about 21 characters and prefixes stages of a non-default pipeline with <c>C{id}:</c>
    /// (silently truncating the rest). Allowing pipeline ids up to five digits leaves 21 − 7 = 14 for our code.
    /// </summary>
    public const int Bitrix24PipelineStageCodeMax = 14;

    public static void Check(ValidationContext context)
    {
        var template = context.Template;
        context.CheckUnique(template.Pipelines, p => p.Key, i => $"$.pipelines[{i}].key", "pipeline key");
        CheckMain(context);
        foreach (var flow in template.Flows)
        {
            CheckFlow(context, flow);
        }
    }

    private static void CheckMain(ValidationContext context)
    {
        var pipelines = context.Template.Pipelines;
        if (pipelines.Count == 0)
        {
            return;
        }

        var main = pipelines.Select((p, i) => (p, i)).Where(x => x.p.Main).ToList();
        if (main.Count != 1)
        {
            context.Error(
                DiagnosticCodes.MainPipelinePlan,
                main.Count == 0 ? "$.pipelines" : $"$.pipelines[{main[1].i}].main",
                main.Count == 0 ? "no pipeline is marked \"main\"; every CRM has one main pipeline that every plan gets." : $"{main.Count} pipelines are marked \"main\"; exactly one may be.",
                main.Count == 0 ? "Add \"main\": true to the pipeline every customer gets." : "Keep \"main\": true on one pipeline only.");
            return;
        }

        var (pipeline, index) = main[0];
        var lowest = Plans.PlanCatalog.Lowest(context.Template.Crm);
        if (pipeline.RequiresPlan is not null && pipeline.RequiresPlan != lowest)
        {
            context.Error(DiagnosticCodes.MainPipelinePlan, $"$.pipelines[{index}].requiresPlan", $"the main pipeline must be available on every plan, but requires '{pipeline.RequiresPlan}'.", $"Remove \"requiresPlan\" (or set it to '{lowest}').");
        }
    }

    private static void CheckFlow(ValidationContext context, StageFlow flow)
    {
        var path = context.PathOf(flow);
        var stages = flow.Stages;
        context.CheckPlan($"{path}.requiresPlan", flow.RequiresPlan);
        context.CheckUnique(stages, s => s.Code, i => $"{path}.stages[{i}].code", "stage code");

        if (!stages.Any(s => s.Semantics == StageSemantics.Process))
        {
            context.Error(DiagnosticCodes.NoProcessStage, $"{path}.stages", "has no in-progress stage; items need somewhere to be worked on.", "Add a stage with \"semantics\": \"process\" (the default) before the outcomes.");
        }

        var successes = stages.Select((s, i) => (s, i)).Where(x => x.s.Semantics == StageSemantics.Success).ToList();
        if (successes.Count != 1)
        {
            context.Error(
                DiagnosticCodes.SuccessStageCount,
                successes.Count == 0 ? $"{path}.stages" : $"{path}.stages[{successes[1].i}].semantics",
                successes.Count == 0 ? "has no success stage; a flow needs exactly one." : $"has {successes.Count} success stages ({string.Join(", ", successes.Select(x => x.s.Code))}); a flow has exactly one.",
                successes.Count == 0 ? "Mark the winning outcome with \"semantics\": \"success\"." : "Keep one success stage; make the others failures or in-progress stages.");
        }

        CheckOrder(context, flow, path);
        CheckCodeLengths(context, flow, path);
        CheckReasons(context, flow, path);
    }

    private static void CheckOrder(ValidationContext context, StageFlow flow, string path)
    {
        // In-progress stages, then the success stage, then failures (Bitrix24 sorts semantics this way and rejects
        // stages sorted after the final ones; amoCRM keeps 142/143 last).
        var rank = 0;
        for (var i = 0; i < flow.Stages.Count; i++)
        {
            var stage = flow.Stages[i];
            var stageRank = stage.Semantics switch
            {
                StageSemantics.Process => 0,
                StageSemantics.Success => 1,
                _ => 2,
            };
            if (stageRank < rank)
            {
                context.Error(
                    DiagnosticCodes.StageOrder,
                    $"{path}.stages[{i}]",
                    $"stage '{stage.Code}' ({EnumNames.Of(stage.Semantics)}) comes after {(rank == 1 ? "the success stage" : "a failure stage")}; stages go in-progress first, then the success stage, then failures.",
                    "Move it up.");
            }

            rank = Math.Max(rank, stageRank);
        }
    }

    private static void CheckCodeLengths(ValidationContext context, StageFlow flow, string path)
    {
        if (context.Template.Crm != CrmKind.Bitrix24 || flow is not Pipeline pipeline)
        {
            return;
        }

        for (var i = 0; i < flow.Stages.Count; i++)
        {
            var code = flow.Stages[i].Code;
            if (code.Length <= Bitrix24PipelineStageCodeMax)
            {
                continue;
            }

            var why = $"stage code '{code}' is {code.Length} characters; Bitrix24 keeps at most {Bitrix24PipelineStageCodeMax} for a pipeline stage (STATUS_ID is capped at 21 including the 'C{{pipeline id}}:' prefix, and longer ones are silently cut)";
            var fix = $"Shorten it, e.g. '{code[..Bitrix24PipelineStageCodeMax].TrimEnd('_')}'.";

            // The main pipeline may be the portal's pipeline 0, whose stages carry no prefix: up to 21 fits there.
            if (pipeline.Main && code.Length <= 21)
            {
                context.Warning(DiagnosticCodes.StageCodeLength, $"{path}.stages[{i}].code", why + "; it fits only if this pipeline takes over the portal's default pipeline", fix);
            }
            else
            {
                context.Error(DiagnosticCodes.StageCodeLength, $"{path}.stages[{i}].code", why + ".", fix);
            }
        }
    }

    private static void CheckReasons(ValidationContext context, StageFlow flow, string path)
    {
        var withReasons = flow.Stages.Select((s, i) => (s, i)).Where(x => x.s.Reasons.Count > 0).ToList();
        if (withReasons.Count == 0)
        {
            return;
        }

        var entity = EnumNames.Of(flow.Entity);
        if (flow.ReasonField is null)
        {
            context.Error(DiagnosticCodes.StageReasons, $"{path}.stages[{withReasons[0].i}].reasons", "stages list reasons, but the flow names no \"reasonField\" to record the chosen one.", $"Add \"reasonField\": \"<CODE>\" naming a list field of the {entity}.");
            return;
        }

        var field = context.Template.Fields.Find(flow.Entity, flow.ReasonField);
        if (field is null)
        {
            context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.reasonField", $"'{flow.ReasonField}' is not a {entity} field.", Suggestions.DidYouMean(flow.ReasonField, context.Template.Fields.For(flow.Entity).Select(f => f.Code)) is { Length: > 0 } hint ? hint : $"Add a list field '{flow.ReasonField}' to $.fields.{entity}.");
            return;
        }

        if (!field.IsList)
        {
            context.Error(DiagnosticCodes.StageReasons, $"{path}.reasonField", $"reason field '{field.Code}' is a {EnumNames.Of(field.Type)} field; reasons are chosen from a list.", "Make it a list field whose items are the reasons.");
            return;
        }

        var codes = field.Items.Select(item => item.Code).ToList();
        foreach (var (stage, i) in withReasons)
        {
            for (var r = 0; r < stage.Reasons.Count; r++)
            {
                var reason = stage.Reasons[r];
                if (!codes.Contains(reason, StringComparer.Ordinal))
                {
                    context.Error(DiagnosticCodes.StageReasons, $"{path}.stages[{i}].reasons[{r}]", $"reason '{reason}' is not an item of '{field.Code}'; its items are {Suggestions.List(codes, 20)}.", Suggestions.DidYouMean(reason, codes) is { Length: > 0 } hint ? hint : $"Add it to the items of '{field.Code}'.");
                }
            }
        }
    }
}
