using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Processes;
using Crm.Connector.Templates.Model.Robots;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>Robots run an existing process on its entity, with well-formed properties.</summary>
internal static class RobotRules
{
    public static void Check(ValidationContext context)
    {
        var robots = context.Template.Robots;
        context.CheckUnique(robots, r => r.Code, i => $"$.robots[{i}].code", "robot code");
        for (var i = 0; i < robots.Count; i++)
        {
            CheckRobot(context, robots[i], $"$.robots[{i}]");
        }
    }

    private static void CheckRobot(ValidationContext context, RobotDefinition robot, string path)
    {
        context.CheckPlan($"{path}.requiresPlan", robot.RequiresPlan);
        var process = context.Template.Processes.FirstOrDefault(p => p.Key == robot.Process);
        if (process is null)
        {
            context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.process", $"process '{robot.Process}' is not defined in $.processes.", Suggestions.DidYouMean(robot.Process, context.Template.Processes.Select(p => p.Key)));
        }
        else
        {
            for (var i = 0; i < robot.Entities.Count; i++)
            {
                if (robot.Entities[i] != process.Entity)
                {
                    context.Error(DiagnosticCodes.Robot, $"{path}.entities[{i}]", $"process '{process.Key}' works on the {EnumNames.Of(process.Entity)}, so the robot cannot be offered for the {EnumNames.Of(robot.Entities[i])}.", $"Use [\"{EnumNames.Of(process.Entity)}\"].");
                }
            }

            if (process is InvoiceProcess { SplitParameter: { } split } && !robot.Properties.Any(p => p.Key == split && p.Type == RobotPropertyType.Bool))
            {
                context.Error(DiagnosticCodes.Robot, $"{path}.properties", $"process '{process.Key}' asks whether to split the invoice through property '{split}', which this robot does not offer as a bool.", $"Add {{\"key\": \"{split}\", \"name\": \"…\", \"type\": \"bool\"}}.");
            }
        }

        CheckProperties(context, robot.Properties, $"{path}.properties");
        CheckProperties(context, robot.Returns, $"{path}.returns");
        CheckPlacement(context, robot, path);
    }

    /// <summary>
    /// A robot is placed on stages of the entities it is offered for; a robot that alone runs its process must say where
    /// an admin puts it (REST cannot), or the process never runs.
    /// </summary>
    private static void CheckPlacement(ValidationContext context, RobotDefinition robot, string path)
    {
        if (robot.Placement is not { } placement)
        {
            var runByAutomation = context.Template.Automations.SelectMany(a => a.Actions).OfType<Model.Actions.RunProcessAction>().Any(r => r.Process == robot.Process);
            if (!runByAutomation && context.Template.Processes.Any(p => p.Key == robot.Process))
            {
                context.Warning(DiagnosticCodes.RobotPlacement, $"{path}.code", $"only robot '{robot.Code}' runs process '{robot.Process}', and it says nowhere which stages an admin adds it to (Bitrix24 REST cannot put a robot on a stage), so the install answer and the plan cannot tell the admin.", "Add \"placement\": {\"stages\": [{\"pipeline\": \"…\", \"stage\": \"…\"}], \"note\": \"…\"}.");
            }

            return;
        }

        for (var i = 0; i < placement.Stages.Count; i++)
        {
            var at = $"{path}.placement.stages[{i}]";
            var reference = placement.Stages[i];
            var entity = reference.Pipeline is null || reference.Pipeline == LeadFunnel.Key ? CrmEntity.Lead : CrmEntity.Deal;
            if (!robot.Entities.Contains(entity))
            {
                context.Error(DiagnosticCodes.Robot, at, $"the robot is offered for {string.Join(" and ", robot.Entities.Select(EnumNames.Of))}, so it cannot be placed on a {EnumNames.Of(entity)} stage.", entity == CrmEntity.Lead ? "Add \"pipeline\": the deal pipeline of the stage." : "Place it on a lead stage (no \"pipeline\").");
                continue;
            }

            var flow = context.Template.FindFlow(reference.FlowKey(entity));
            if (flow is null)
            {
                context.Error(DiagnosticCodes.UnresolvedReference, entity == CrmEntity.Lead ? at : $"{at}.pipeline", entity == CrmEntity.Lead ? "the template has no lead funnel." : $"pipeline '{reference.Pipeline}' is not defined in $.pipelines.", Suggestions.DidYouMean(reference.Pipeline ?? string.Empty, context.Template.Pipelines.Select(p => p.Key)));
                continue;
            }

            context.CheckStage($"{at}.stage", reference.Stage, [flow], flow is LeadFunnel ? "the lead funnel" : $"pipeline '{flow.FlowKey}'");
        }
    }

    private static void CheckProperties(ValidationContext context, IReadOnlyList<RobotProperty> properties, string path)
    {
        context.CheckUnique(properties, p => p.Key, i => $"{path}[{i}].key", "property key");
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            var at = $"{path}[{i}]";
            if (property.Type == RobotPropertyType.Select && property.Options.Count == 0)
            {
                context.Error(DiagnosticCodes.Robot, $"{at}.options", $"select property '{property.Key}' has no options.", "Add \"options\": [{\"code\": \"…\", \"name\": \"…\"}].");
            }
            else if (property.Type != RobotPropertyType.Select && property.Options.Count > 0)
            {
                context.Error(DiagnosticCodes.Robot, $"{at}.options", $"only select properties have options; '{property.Key}' is {EnumNames.Of(property.Type)}.", "Remove \"options\" or make it a select.");
            }

            if (property.Default is { } value && !DefaultFits(property, value))
            {
                context.Error(DiagnosticCodes.Robot, $"{at}.default", $"default '{value.Text}' does not fit {EnumNames.Of(property.Type)} property '{property.Key}'.", property.Type == RobotPropertyType.Select ? $"Use one of {Suggestions.List(property.Options.Select(o => o.Code))}." : "Write a value of the property's type.");
            }
        }
    }

    private static bool DefaultFits(RobotProperty property, LiteralValue value) => property.Type switch
    {
        RobotPropertyType.Bool => value.Kind == LiteralKind.Boolean,
        RobotPropertyType.Int => value.AsNumber() is { } n && n == decimal.Truncate(n),
        RobotPropertyType.Double => value.Kind == LiteralKind.Number,
        RobotPropertyType.Select => value.Kind == LiteralKind.String && property.Options.Any(o => o.Code == value.Text),
        _ => value.Kind == LiteralKind.String,
    };
}
