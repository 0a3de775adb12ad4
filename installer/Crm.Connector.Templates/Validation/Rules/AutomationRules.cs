using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Triggers;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Automations: unique keys, triggers that fit the entity and flow, valid conditions and actions.</summary>
internal static class AutomationRules
{
    public static void Check(ValidationContext context)
    {
        var automations = context.Template.Automations;
        context.CheckUnique(automations, a => a.Key, i => $"$.automations[{i}].key", "automation key");
        for (var i = 0; i < automations.Count; i++)
        {
            CheckAutomation(context, automations[i], $"$.automations[{i}]");
        }
    }

    private static void CheckAutomation(ValidationContext context, Automation automation, string path)
    {
        context.CheckPlan($"{path}.requiresPlan", automation.RequiresPlan);
        var entity = automation.Entity;
        if (automation.Pipeline is not null)
        {
            if (entity != CrmEntity.Deal)
            {
                context.Error(DiagnosticCodes.Trigger, $"{path}.pipeline", $"only deal automations name a pipeline; this one is on the {EnumNames.Of(entity)}.", "Remove \"pipeline\".");
            }
            else if (context.Template.FindFlow(automation.Pipeline) is not Pipeline)
            {
                context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.pipeline", $"pipeline '{automation.Pipeline}' is not defined in $.pipelines.", Suggestions.DidYouMean(automation.Pipeline, context.Template.Pipelines.Select(p => p.Key)));
                return;
            }
        }

        var flows = context.FlowsFor(entity, automation.Pipeline);
        CheckTrigger(context, automation, flows, $"{path}.trigger");
        ConditionRules.Check(context, entity, flows, automation.Condition, $"{path}.condition");
        CheckActions(context, automation, entity, flows, automation.Actions, $"{path}.actions");
    }

    private static void CheckTrigger(ValidationContext context, Automation automation, IReadOnlyList<StageFlow> flows, string path)
    {
        var entity = automation.Entity;
        var where = automation.Pipeline is not null ? $"pipeline '{automation.Pipeline}'" : entity == CrmEntity.Lead ? "the lead funnel" : "any pipeline";
        switch (automation.Trigger)
        {
            case StageEnteredTrigger { Stages: var stages }:
                CheckStages(context, entity, flows, stages, path, where);
                break;
            case InStageTrigger { Stages: var stages }:
                CheckStages(context, entity, flows, stages, path, where);
                break;
            case FieldChangedTrigger changed:
                for (var i = 0; i < changed.Fields.Count; i++)
                {
                    var field = context.ResolveOrReport(entity, changed.Fields[i], $"{path}.fields[{i}]");
                    if (field is { IsOwn: false })
                    {
                        context.Error(DiagnosticCodes.Trigger, $"{path}.fields[{i}]", $"changes of '{changed.Fields[i]}' happen on another entity and are not seen here.", $"Put this automation on the {EnumNames.Of(field.Entity)} instead.");
                    }
                }

                break;
            case FieldDateTrigger date:
                var resolved = context.ResolveOrReport(entity, date.Field, $"{path}.field");
                if (resolved is not null && !resolved.IsDate)
                {
                    context.Error(DiagnosticCodes.Trigger, $"{path}.field", $"{resolved.Describe()} is not a date; fieldDate counts from a date or datetime field.", "Point at a date, datetime or birthday field.");
                }

                if ((date.Before is null) == (date.After is null))
                {
                    context.Error(DiagnosticCodes.Trigger, path, "a fieldDate trigger needs exactly one of \"before\" and \"after\".", "Write e.g. \"before\": {\"days\": 2}.");
                }

                break;
        }
    }

    private static void CheckStages(ValidationContext context, CrmEntity entity, IReadOnlyList<StageFlow> flows, IReadOnlyList<string> stages, string path, string where)
    {
        if (flows.Count == 0)
        {
            context.Error(DiagnosticCodes.Trigger, path, entity is CrmEntity.Contact or CrmEntity.Company ? $"a {EnumNames.Of(entity)} has no stages." : $"the template defines no stages for the {EnumNames.Of(entity)}.", "Use a created, fieldChanged or fieldDate trigger.");
            return;
        }

        for (var i = 0; i < stages.Count; i++)
        {
            context.CheckStage($"{path}.stages[{i}]", stages[i], flows, where);
        }
    }

    private static void CheckActions(ValidationContext context, Automation automation, CrmEntity entity, IReadOnlyList<StageFlow> flows, IReadOnlyList<AutomationAction> actions, string path)
    {
        for (var i = 0; i < actions.Count; i++)
        {
            CheckAction(context, automation, entity, flows, actions[i], $"{path}[{i}]");
        }
    }

    private static void CheckAction(ValidationContext context, Automation automation, CrmEntity entity, IReadOnlyList<StageFlow> flows, AutomationAction action, string path)
    {
        switch (action)
        {
            case NotifyAction notify:
                context.CheckRecipient(entity, notify.To, $"{path}.to", allowContact: false);
                context.CheckText(entity, notify.Message, $"{path}.message");
                break;
            case IWorkItemAction work:
                context.CheckRecipient(entity, work.Assignee, $"{path}.to", allowContact: false);
                context.CheckText(entity, work.Title, $"{path}.title");
                context.CheckText(entity, work.Description, $"{path}.description");
                break;
            case CommentAction comment:
                context.CheckText(entity, comment.Text, $"{path}.text");
                break;
            case EmailAction email:
                context.CheckRecipient(entity, email.To, $"{path}.to", allowContact: true);
                context.CheckText(entity, email.Subject, $"{path}.subject");
                context.CheckText(entity, email.Body, $"{path}.body");
                break;
            case SetFieldAction set:
                CheckSetField(context, entity, flows, set, path);
                break;
            case MoveToStageAction move:
                CheckMove(context, entity, flows, move, path);
                break;
            case CopyDealAction copy:
                CheckCopy(context, automation, entity, copy, path);
                break;
            case RequireFieldsAction require:
                for (var i = 0; i < require.Fields.Count; i++)
                {
                    context.ResolveOrReport(entity, require.Fields[i], $"{path}.fields[{i}]");
                }

                context.CheckText(entity, require.Message, $"{path}.message");
                if (require.ReturnToPreviousStage && automation.Trigger is not StageEnteredTrigger)
                {
                    context.Error(DiagnosticCodes.Action, $"{path}.returnToPreviousStage", "an item can only be returned to its previous stage when the automation runs on entering a stage.", "Trigger on stageEntered, or set \"returnToPreviousStage\": false.");
                }

                break;
            case RunProcessAction run:
                var process = context.Template.Processes.FirstOrDefault(p => p.Key == run.Process);
                if (process is null)
                {
                    context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.process", $"process '{run.Process}' is not defined in $.processes.", Suggestions.DidYouMean(run.Process, context.Template.Processes.Select(p => p.Key)));
                }
                else if (process.Entity != entity)
                {
                    context.Error(DiagnosticCodes.Action, $"{path}.process", $"process '{run.Process}' works on the {EnumNames.Of(process.Entity)}, but this automation is on the {EnumNames.Of(entity)}.", "Run it from an automation on the same entity.");
                }

                break;
            case AssignAction assign when !context.Template.Positions.Any(p => p.Key == assign.Among):
                context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.among", $"position '{assign.Among}' is not defined in $.positions.", Suggestions.DidYouMean(assign.Among, context.Template.Positions.Select(p => p.Key)));
                break;
        }
    }

    private static void CheckSetField(ValidationContext context, CrmEntity entity, IReadOnlyList<StageFlow> flows, SetFieldAction set, string path)
    {
        var target = context.ResolveOrReport(entity, set.Field, $"{path}.field");
        if ((set.Value is null) == (set.From is null))
        {
            context.Error(DiagnosticCodes.Action, path, "setField needs exactly one of \"value\" (a constant) and \"from\" (another field).", "Write \"value\": … or \"from\": \"createdBy\".");
            return;
        }

        if (target is null)
        {
            return;
        }

        if (!target.IsOwn || (target.Custom is null && !SystemFields.Writable.Contains(set.Field)))
        {
            context.Error(DiagnosticCodes.Action, $"{path}.field", $"{target.Describe()} cannot be set by an automation of the {EnumNames.Of(entity)}.", $"Set a custom field of the {EnumNames.Of(entity)}, or one of {string.Join(", ", SystemFields.Writable)}.");
            return;
        }

        if (set.Value is { } value)
        {
            if (target.IsUser || target.IsFile)
            {
                context.Error(DiagnosticCodes.Action, $"{path}.value", $"{target.Describe()} cannot take a constant from a template.", "Use \"from\" to copy a user (e.g. \"createdBy\").");
                return;
            }

            ConditionRules.CheckValue(context, entity, flows, target, value, $"{path}.value");
            return;
        }

        var source = context.ResolveOrReport(entity, set.From!, $"{path}.from");
        if (source is not null && target.IsUser != source.IsUser)
        {
            context.Error(DiagnosticCodes.Action, $"{path}.from", $"cannot copy {source.Describe()} into {target.Describe()}.", "Copy between fields of the same kind.");
        }
    }

    private static void CheckMove(ValidationContext context, CrmEntity entity, IReadOnlyList<StageFlow> flows, MoveToStageAction move, string path)
    {
        if (entity is not (CrmEntity.Lead or CrmEntity.Deal))
        {
            context.Error(DiagnosticCodes.Action, path, $"a {EnumNames.Of(entity)} has no stages to move to.", "Remove the action.");
            return;
        }

        if (move.Pipeline is null)
        {
            if (flows.Count == 0)
            {
                context.Error(DiagnosticCodes.Action, path, $"the template defines no stages for the {EnumNames.Of(entity)}.", "Remove the action.");
                return;
            }

            context.CheckStage($"{path}.stage", move.Stage, flows, flows.Count == 1 ? $"'{flows[0].FlowKey}'" : "any pipeline");
            return;
        }

        if (entity != CrmEntity.Deal)
        {
            context.Error(DiagnosticCodes.Action, $"{path}.pipeline", "only deals move between pipelines.", "Remove \"pipeline\".");
            return;
        }

        CheckPipelineStage(context, move.Pipeline, move.Stage, path);
    }

    private static void CheckCopy(ValidationContext context, Automation automation, CrmEntity entity, CopyDealAction copy, string path)
    {
        if (entity != CrmEntity.Deal)
        {
            context.Error(DiagnosticCodes.Action, path, $"only deals can be copied; this automation is on the {EnumNames.Of(entity)}.", "Use a deal automation.");
            return;
        }

        if (CheckPipelineStage(context, copy.Pipeline, copy.Stage, path) is { } target)
        {
            CheckActions(context, automation with { Trigger = new CreatedTrigger() }, entity, [target], copy.Then, $"{path}.then");
        }
    }

    private static Pipeline? CheckPipelineStage(ValidationContext context, string pipelineKey, string stage, string path)
    {
        if (context.Template.FindFlow(pipelineKey) is not Pipeline pipeline)
        {
            context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.pipeline", $"pipeline '{pipelineKey}' is not defined in $.pipelines.", Suggestions.DidYouMean(pipelineKey, context.Template.Pipelines.Select(p => p.Key)));
            return null;
        }

        return context.CheckStage($"{path}.stage", stage, [pipeline], $"pipeline '{pipelineKey}'") ? pipeline : null;
    }
}
