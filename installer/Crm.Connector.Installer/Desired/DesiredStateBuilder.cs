using System.Security.Cryptography;
using System.Text;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Robots;
using Crm.Connector.Templates.Model.Triggers;
using Crm.Connector.Templates.Plans;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Installer.Desired;

/// <summary>
/// Template + the portal's plan → the desired state. A part comes in when the plan includes what it needs — its own
/// <c>requiresPlan</c> and that of what it depends on (a stage its pipeline's, an automation its pipeline's and its
/// process's) — and is otherwise listed as skipped with the plan that would include it.
/// </summary>
public static class DesiredStateBuilder
{
    private static readonly string[] PlacementLanguages = ["ru", "en"];

    public static DesiredState Build(CrmTemplate template, DesiredOptions options)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        var scope = new Scope(template, options);
        var flows = Flows(scope);
        var reasonField = LossReasonField(template, options.Capabilities);
        var fields = Fields(scope, flows, reasonField);
        var sources = template.Sources.Select((s, i) => new DesiredListItem(ResourceKey.Source(s.Code), s.Code, s.Name.Get(scope.Language), s.Default, i)).ToList();
        var robots = Robots(scope);
        var placements = Placements(scope);
        var automations = Automations(scope);
        automations.AddRange(RuleAutomations(template, flows, fields, reasonField, options.Capabilities, scope.Language));
        var roles = Roles(scope);
        return new DesiredState(template.Key, template.Version, template.Crm, options.Plan, flows, fields, sources, robots, options.Events, automations, scope.Skipped)
        {
            Roles = roles,
            Placements = placements,
            LossReasons = reasonField is null ? [] : LossReasons(template.Fields.Find(CrmEntity.Deal, reasonField)!, scope.Language),
            LossReasonField = reasonField,
            Capabilities = options.Capabilities,
        };
    }

    private static List<DesiredFlow> Flows(Scope scope)
    {
        var template = scope.Template;
        var flows = new List<DesiredFlow>();
        if (template.LeadFunnel is { } funnel && scope.Fits(ResourceKey.Pipeline(LeadFunnel.Key), ResourceKind.Pipeline, "lead funnel", funnel.RequiresPlan))
        {
            flows.Add(new DesiredFlow(null, LeadFunnel.Key, CrmEntity.Lead, null, false, Stages(funnel, scope.Language)));
        }

        foreach (var pipeline in template.Pipelines)
        {
            var key = ResourceKey.Pipeline(pipeline.Key);
            if (scope.Fits(key, ResourceKind.Pipeline, $"pipeline «{pipeline.Name.Get(scope.Language)}»", pipeline.RequiresPlan))
            {
                flows.Add(new DesiredFlow(key, pipeline.Key, CrmEntity.Deal, pipeline.Name.Get(scope.Language), pipeline.Main, Stages(pipeline, scope.Language)));
            }
        }

        return flows;
    }

    /// <summary>Where the CRM keeps loss reasons itself, the deal pipelines' reason field is that list, not a custom field.</summary>
    private static string? LossReasonField(CrmTemplate template, ProvisioningCapabilities capabilities) => capabilities.LossReasons
        ? template.Pipelines.Select(p => p.ReasonField).FirstOrDefault(f => f is not null && template.Fields.Find(CrmEntity.Deal, f) is { IsList: true })
        : null;

    private static List<DesiredListItem> LossReasons(FieldDefinition reasonField, string language) =>
        [.. reasonField.Items.Select((item, i) => new DesiredListItem(ResourceKey.LossReason(item.Code), item.Code, item.Name.Get(language), item.Default, i))];

    private static List<DesiredField> Fields(Scope scope, List<DesiredFlow> flows, string? reasonField)
    {
        var (template, capabilities, language) = (scope.Template, scope.Options.Capabilities, scope.Language);
        var requiredRules = capabilities.StageRequiredFields
            ? ImpliedRules.Of(template).Where(r => r.Kind == ImpliedRuleKind.RequiredFrom && flows.Any(f => f.FlowKey == r.FlowKey)).ToList()
            : [];
        var fields = new List<DesiredField>();
        foreach (var (entity, field) in template.Fields.All)
        {
            var entityName = EnumNames.Of(entity);
            if (entity == CrmEntity.Deal && field.Code == reasonField)
            {
                continue;
            }

            var key = ResourceKey.Field(entityName, field.Code);
            var title = $"{entityName} field {field.Code} «{field.Name.Get(language)}»";
            if (capabilities.StoredFieldType(field.Type) is null)
            {
                scope.Skipped.Add(new SkippedPart(key, ResourceKind.Field, title, $"the CRM has no {EnumNames.Of(field.Type)} field", null));
                continue;
            }

            if (!scope.Fits(key, ResourceKind.Field, title, field.RequiresPlan))
            {
                continue;
            }

            fields.Add(new DesiredField(
                key,
                entity,
                field.Code,
                field.Type,
                field.Multiple || field.Type == FieldType.MultiList,
                field.Required,
                field.Name,
                field.Description,
                [.. field.Items.Select((item, i) => new DesiredListItem(ResourceKey.Item(entityName, field.Code, item.Code), item.Code, item.Name.Get(language), item.Default, i))],
                fields.Count)
            {
                RequiredStages = [.. requiredRules
                    .Where(r => r.Entity == entity && r.Field == field.Code)
                    .SelectMany(r => r.Stages.Select(stage => ResourceKey.Stage(r.FlowKey!, stage)))],
            });
        }

        return fields;
    }

    private static List<DesiredRobot> Robots(Scope scope)
    {
        var (template, options, language) = (scope.Template, scope.Options, scope.Language);
        var robots = new List<DesiredRobot>();
        foreach (var robot in template.Robots)
        {
            var key = ResourceKey.Robot(robot.Code);
            var process = template.Processes.FirstOrDefault(p => p.Key == robot.Process);
            var required = PlanCatalog.Max(template.Crm, robot.RequiresPlan, process?.RequiresPlan);
            var title = $"robot {robot.Code} «{robot.Name.Get(language)}»";
            if (!scope.Fits(key, ResourceKind.Robot, title, required))
            {
                continue;
            }

            var placement = Placement(template, robot, language);
            if (!options.AppContext || options.HandlerBase is null)
            {
                scope.Skipped.Add(new SkippedPart(key, ResourceKind.Robot, title, (options.AppContext
                    ? "no handler address: pass --handler-base with the app's public URL"
                    : "robots are registered by the installed app; a webhook cannot register them")
                    + (placement is null ? string.Empty : $"; once registered, {placement.Describe()}"), null));
                continue;
            }

            var handler = new Uri(options.HandlerBase, $"api/bitrix24/robots/{Uri.EscapeDataString(robot.Code)}");
            robots.Add(new DesiredRobot(key, robot, handler, Fingerprint(robot, handler), placement));
        }

        return robots;
    }

    /// <summary>The template's automations the plan includes; business processes it does not are listed as skipped.</summary>
    private static List<DesiredAutomation> Automations(Scope scope)
    {
        var (template, options, language) = (scope.Template, scope.Options, scope.Language);
        var automations = new List<DesiredAutomation>();
        foreach (var automation in template.Automations)
        {
            var key = ResourceKey.Automation(automation.Key);
            if (scope.Fits(key, ResourceKind.Automation, automation.Name.Get(language), AutomationPlan(template, automation)))
            {
                automations.Add(new DesiredAutomation(key, automation.Name.Get(language), AutomationSummary.Describe(automation)));
            }
        }

        foreach (var process in template.Processes.Where(p => !PlanCatalog.Includes(template.Crm, options.Plan, p.RequiresPlan)))
        {
            scope.Skipped.Add(new SkippedPart(new ResourceKey(ResourceKind.Automation, "process/" + process.Key), ResourceKind.Automation, $"business process «{process.Name.Get(language)}»", $"needs the {process.RequiresPlan} plan; the portal is on {options.Plan}", process.RequiresPlan));
        }

        return automations;
    }

    /// <summary>Roles the CRM lets the app create; elsewhere they are listed for an admin to set by hand.</summary>
    private static List<DesiredRole> Roles(Scope scope)
    {
        if (scope.Options.Capabilities.Roles)
        {
            return [.. scope.Template.Roles.Select((role, i) => new DesiredRole(ResourceKey.Role(role.Key), role.Name.Get(scope.Language), role, i))];
        }

        foreach (var role in scope.Template.Roles)
        {
            scope.Skipped.Add(new SkippedPart(new ResourceKey(ResourceKind.Automation, "role/" + role.Key), ResourceKind.Automation, $"role «{role.Name.Get(scope.Language)}»", "access roles are set by hand in the CRM's settings (no API sets them); the template describes the rights", null));
        }

        return [];
    }

    private static List<DesiredStage> Stages(StageFlow flow, string language) =>
        [.. flow.Stages.Select((stage, i) => new DesiredStage(ResourceKey.Stage(flow.FlowKey, stage.Code), stage.Code, stage.Name.Get(language), stage.Color, stage.Semantics, i))];

    /// <summary>The plan an automation needs: its own, its pipeline's (or the lead funnel's), and that of the processes it runs.</summary>
    private static string? AutomationPlan(CrmTemplate template, Automation automation)
    {
        var crm = template.Crm;
        var plan = automation.RequiresPlan;
        if (automation.Pipeline is not null)
        {
            plan = PlanCatalog.Max(crm, plan, template.FindFlow(automation.Pipeline)?.RequiresPlan);
        }
        else if (automation.Entity == CrmEntity.Lead && automation.Trigger is StageEnteredTrigger or InStageTrigger)
        {
            plan = PlanCatalog.Max(crm, plan, template.LeadFunnel?.RequiresPlan);
        }

        foreach (var run in automation.Actions.OfType<RunProcessAction>())
        {
            plan = PlanCatalog.Max(crm, plan, template.Processes.FirstOrDefault(p => p.Key == run.Process)?.RequiresPlan);
        }

        return plan;
    }

    /// <summary>
    /// Rules the app enforces on its own (<see cref="ImpliedRules"/>, the same keys the app's runtime runs them under):
    /// fields required from a stage, set-once fields, reasons required on a stage — for installed flows and fields.
    /// A field the CRM itself requires from a stage (<see cref="ProvisioningCapabilities.StageRequiredFields"/>) is not
    /// the app's to enforce; a reason field realised as the CRM's loss reasons still is (which reasons a stage allows).
    /// </summary>
    private static IEnumerable<DesiredAutomation> RuleAutomations(CrmTemplate template, List<DesiredFlow> flows, List<DesiredField> fields, string? reasonField, ProvisioningCapabilities capabilities, string language)
    {
        var installedFlows = flows.Select(f => f.FlowKey).ToHashSet(StringComparer.Ordinal);
        var installedFields = fields.Select(f => f.Key).ToHashSet();
        if (reasonField is not null)
        {
            installedFields.Add(ResourceKey.Field(EnumNames.Of(CrmEntity.Deal), reasonField));
        }

        foreach (var rule in ImpliedRules.Of(template))
        {
            var entity = EnumNames.Of(rule.Entity);
            var field = template.Fields.Find(rule.Entity, rule.Field);
            if (field is null || !installedFields.Contains(ResourceKey.Field(entity, rule.Field)) || (rule.FlowKey is not null && !installedFlows.Contains(rule.FlowKey)) ||
                (rule.Kind == ImpliedRuleKind.RequiredFrom && capabilities.StageRequiredFields))
            {
                continue;
            }

            var name = field.Name.Get(language);
            yield return rule.Kind switch
            {
                ImpliedRuleKind.RequiredFrom => new DesiredAutomation(
                    ResourceKey.Automation(rule.Key),
                    $"{name} required from {rule.FromStage}",
                    $"when a {entity} enters {string.Join(", ", rule.Stages)} of {rule.FlowKey} without {rule.Field}: returned to its stage and the user is told what is missing"),
                ImpliedRuleKind.SetOnce => new DesiredAutomation(
                    ResourceKey.Automation(rule.Key),
                    $"{name} never changes once set",
                    $"a changed {rule.Field} is restored to its first value and the user is told"),
                _ => new DesiredAutomation(
                    ResourceKey.Automation(rule.Key),
                    $"reason required for «{template.FindFlow(rule.FlowKey)?.Stages.First(s => s.Code == rule.FromStage).Name.Get(language)}»",
                    $"entering {rule.FromStage} without a {rule.Field} among {string.Join(", ", rule.Allowed)} (blank or another stage's reason does not count): returned and the user is asked to choose"),
            };
        }
    }

    /// <summary>The stages of installed-or-not flows the template says an admin adds the robot to, with their names.</summary>
    private static DesiredRobotPlacement? Placement(CrmTemplate template, RobotDefinition robot, string language)
    {
        if (robot.Placement is not { Stages.Count: > 0 } placement)
        {
            return null;
        }

        var stages = new List<RobotStage>();
        foreach (var reference in placement.Stages)
        {
            var entity = reference.Pipeline is null || reference.Pipeline == LeadFunnel.Key ? CrmEntity.Lead : CrmEntity.Deal;
            if (template.FindFlow(reference.FlowKey(entity)) is { } flow && flow.Stages.FirstOrDefault(s => s.Code == reference.Stage) is { } stage)
            {
                var flowName = flow is Pipeline pipeline ? pipeline.Name.Get(language) : language == "en" ? "Leads" : "Лиды";
                stages.Add(new RobotStage(flow is Pipeline ? flow.FlowKey : null, flowName, stage.Code, stage.Name.Get(language)));
            }
        }

        return stages.Count == 0 ? null : new DesiredRobotPlacement(stages, placement.Note?.Get(language));
    }

    /// <summary>
    /// Buttons in the CRM's interface (seed 004's «Выставить счет»): on the plan of the placement and of its process, bound
    /// by the installed app at <c>{handlerBase}/api/app/placements/{key}</c> (the function app serves that page).
    /// </summary>
    private static List<DesiredPlacement> Placements(Scope scope)
    {
        var (template, options, language) = (scope.Template, scope.Options, scope.Language);
        var placements = new List<DesiredPlacement>();
        foreach (var placement in template.Placements)
        {
            var key = ResourceKey.Placement(placement.Key);
            var process = template.Processes.FirstOrDefault(p => p.Key == placement.Process);
            var required = PlanCatalog.Max(template.Crm, placement.RequiresPlan, process?.RequiresPlan);
            var title = $"button {placement.Key} «{placement.Title.Get(language)}»";
            if (!scope.Fits(key, ResourceKind.Placement, title, required))
            {
                continue;
            }

            var reason = !options.Capabilities.Placements
                ? "the CRM has no buttons an app can put into its interface"
                : !options.AppContext
                    ? "buttons are bound by the installed app (placement.bind needs app context); a webhook cannot bind them"
                    : options.HandlerBase is null ? "no handler address: pass --handler-base with the app's public URL" : null;
            if (reason is not null)
            {
                scope.Skipped.Add(new SkippedPart(key, ResourceKind.Placement, title, reason, null));
                continue;
            }

            var handler = new Uri(options.HandlerBase!, $"api/app/placements/{Uri.EscapeDataString(placement.Key)}");
            placements.Add(new DesiredPlacement(
                key,
                placement,
                Bitrix24.Bitrix24Names.PlacementCode(placement.Where),
                handler,
                placement.Title.Get(language),
                Texts(placement.Title),
                placement.Description is null ? new Dictionary<string, string>() : Texts(placement.Description)));
        }

        return placements;
    }

    /// <summary>Texts per language for the portal's LANG_ALL: Russian and English (a plain text serves both).</summary>
    private static Dictionary<string, string> Texts(LocalizedText text) =>
        PlacementLanguages.ToDictionary(language => language, text.Get, StringComparer.Ordinal);

    private static string Fingerprint(RobotDefinition robot, Uri handler)
    {
        // Where an admin places it is not part of the registration: a new placement re-registers nothing.
        robot = robot with { Placement = null };
        var text = TemplateJson.ToToken(new CrmTemplate { Key = "fingerprint", Robots = [robot] })["robots"]!.ToString(Newtonsoft.Json.Formatting.None) + "|" + handler.AbsoluteUri;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>What every part is built against: the template, the options, and the parts left out so far.</summary>
    private sealed class Scope(CrmTemplate template, DesiredOptions options)
    {
        public CrmTemplate Template { get; } = template;

        public DesiredOptions Options { get; } = options;

        public string Language => Options.Language;

        public List<SkippedPart> Skipped { get; } = [];

        /// <summary>True when the portal's plan includes <paramref name="required"/>; otherwise the part is listed as skipped.</summary>
        public bool Fits(ResourceKey key, ResourceKind kind, string title, string? required)
        {
            if (PlanCatalog.Includes(Template.Crm, Options.Plan, required))
            {
                return true;
            }

            Skipped.Add(new SkippedPart(key, kind, title, $"needs the {required} plan; the portal is on {Options.Plan}", required));
            return false;
        }
    }
}
