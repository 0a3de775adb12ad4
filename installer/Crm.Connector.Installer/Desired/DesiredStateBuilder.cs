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
    public static DesiredState Build(CrmTemplate template, DesiredOptions options)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(options);
        var crm = template.Crm;
        var language = options.Language;
        var skipped = new List<SkippedPart>();

        bool Fits(ResourceKey key, ResourceKind kind, string title, string? required)
        {
            if (PlanCatalog.Includes(crm, options.Plan, required))
            {
                return true;
            }

            skipped.Add(new SkippedPart(key, kind, title, $"needs the {required} plan; the portal is on {options.Plan}", required));
            return false;
        }

        var flows = new List<DesiredFlow>();
        if (template.LeadFunnel is { } funnel && Fits(ResourceKey.Pipeline(LeadFunnel.Key), ResourceKind.Pipeline, "lead funnel", funnel.RequiresPlan))
        {
            flows.Add(new DesiredFlow(null, LeadFunnel.Key, CrmEntity.Lead, null, false, Stages(funnel, language)));
        }

        foreach (var pipeline in template.Pipelines)
        {
            var key = ResourceKey.Pipeline(pipeline.Key);
            if (Fits(key, ResourceKind.Pipeline, $"pipeline «{pipeline.Name.Get(language)}»", pipeline.RequiresPlan))
            {
                flows.Add(new DesiredFlow(key, pipeline.Key, CrmEntity.Deal, pipeline.Name.Get(language), pipeline.Main, Stages(pipeline, language)));
            }
        }

        var capabilities = options.Capabilities;

        // Where the CRM keeps loss reasons itself, the deal pipelines' reason field is that list, not a custom field.
        var reasonField = capabilities.LossReasons
            ? template.Pipelines.Select(p => p.ReasonField).FirstOrDefault(f => f is not null && template.Fields.Find(CrmEntity.Deal, f) is { IsList: true })
            : null;
        var lossReasons = new List<DesiredListItem>();
        if (reasonField is not null)
        {
            var items = template.Fields.Find(CrmEntity.Deal, reasonField)!.Items;
            lossReasons.AddRange(items.Select((item, i) => new DesiredListItem(ResourceKey.LossReason(item.Code), item.Code, item.Name.Get(language), item.Default, i)));
        }

        var requiredRules = capabilities.StageRequiredFields
            ? ImpliedRules.Of(template).Where(r => r.Kind == ImpliedRuleKind.RequiredFrom).ToList()
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
            var fieldTitle = $"{entityName} field {field.Code} «{field.Name.Get(language)}»";
            if (capabilities.StoredFieldType(field.Type) is null)
            {
                skipped.Add(new SkippedPart(key, ResourceKind.Field, fieldTitle, $"the CRM has no {EnumNames.Of(field.Type)} field", null));
                continue;
            }

            if (Fits(key, ResourceKind.Field, fieldTitle, field.RequiresPlan))
            {
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
                        .Where(r => r.Entity == entity && r.Field == field.Code && flows.Any(f => f.FlowKey == r.FlowKey))
                        .SelectMany(r => r.Stages.Select(stage => ResourceKey.Stage(r.FlowKey!, stage)))],
                });
            }
        }

        var sources = template.Sources.Select((s, i) => new DesiredListItem(ResourceKey.Source(s.Code), s.Code, s.Name.Get(language), s.Default, i)).ToList();

        var robots = new List<DesiredRobot>();
        foreach (var robot in template.Robots)
        {
            var key = ResourceKey.Robot(robot.Code);
            var process = template.Processes.FirstOrDefault(p => p.Key == robot.Process);
            var required = PlanCatalog.Max(crm, robot.RequiresPlan, process?.RequiresPlan);
            var title = $"robot {robot.Code} «{robot.Name.Get(language)}»";
            if (!Fits(key, ResourceKind.Robot, title, required))
            {
                continue;
            }

            var placement = Placement(template, robot, language);
            if (!options.AppContext || options.HandlerBase is null)
            {
                skipped.Add(new SkippedPart(key, ResourceKind.Robot, title, (options.AppContext
                    ? "no handler address: pass --handler-base with the app's public URL"
                    : "robots are registered by the installed app; a webhook cannot register them")
                    + (placement is null ? string.Empty : $"; once registered, {placement.Describe()}"), null));
                continue;
            }

            var handler = new Uri(options.HandlerBase, $"api/bitrix24/robots/{Uri.EscapeDataString(robot.Code)}");
            robots.Add(new DesiredRobot(key, robot, handler, Fingerprint(robot, handler), placement));
        }

        var automations = new List<DesiredAutomation>();
        foreach (var automation in template.Automations)
        {
            var key = ResourceKey.Automation(automation.Key);
            if (Fits(key, ResourceKind.Automation, automation.Name.Get(language), AutomationPlan(template, automation)))
            {
                automations.Add(new DesiredAutomation(key, automation.Name.Get(language), AutomationSummary.Describe(automation)));
            }
        }

        automations.AddRange(RuleAutomations(template, flows, fields, reasonField, capabilities, language));

        foreach (var process in template.Processes.Where(p => !PlanCatalog.Includes(crm, options.Plan, p.RequiresPlan)))
        {
            skipped.Add(new SkippedPart(new ResourceKey(ResourceKind.Automation, "process/" + process.Key), ResourceKind.Automation, $"business process «{process.Name.Get(language)}»", $"needs the {process.RequiresPlan} plan; the portal is on {options.Plan}", process.RequiresPlan));
        }

        var roles = new List<DesiredRole>();
        foreach (var role in template.Roles.Where(_ => capabilities.Roles))
        {
            roles.Add(new DesiredRole(ResourceKey.Role(role.Key), role.Name.Get(language), role, roles.Count));
        }

        foreach (var role in template.Roles.Where(_ => !capabilities.Roles))
        {
            skipped.Add(new SkippedPart(new ResourceKey(ResourceKind.Automation, "role/" + role.Key), ResourceKind.Automation, $"role «{role.Name.Get(language)}»", "access roles are set by hand in the CRM's settings (no API sets them); the template describes the rights", null));
        }

        return new DesiredState(template.Key, template.Version, crm, options.Plan, flows, fields, sources, robots, options.Events, automations, skipped)
        {
            Roles = roles,
            LossReasons = lossReasons,
            LossReasonField = reasonField,
            Capabilities = capabilities,
        };
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

    private static string Fingerprint(RobotDefinition robot, Uri handler)
    {
        // Where an admin places it is not part of the registration: a new placement re-registers nothing.
        robot = robot with { Placement = null };
        var text = TemplateJson.ToToken(new CrmTemplate { Key = "fingerprint", Robots = [robot] })["robots"]!.ToString(Newtonsoft.Json.Formatting.None) + "|" + handler.AbsoluteUri;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
