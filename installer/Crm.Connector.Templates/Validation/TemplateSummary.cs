using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation;

/// <summary>What a template holds, counted.</summary>
public sealed record TemplateSummary(
    string Key,
    string Version,
    string Crm,
    int Pipelines,
    bool LeadFunnel,
    int Stages,
    int Fields,
    int Automations,
    int Processes,
    int Robots,
    int Roles)
{
    /// <summary>Buttons in the CRM's interface (placements).</summary>
    public int Placements { get; init; }

    public static TemplateSummary Of(CrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return new TemplateSummary(
            template.Key,
            template.Version,
            EnumNames.Of(template.Crm),
            template.Pipelines.Count,
            template.LeadFunnel is not null,
            template.Flows.Sum(f => f.Stages.Count),
            template.Fields.All.Count(),
            template.Automations.Count,
            template.Processes.Count,
            template.Robots.Count,
            template.Roles.Count)
        {
            Placements = template.Placements.Count,
        };
    }

    /// <summary>One line: <c>driving-school 1.0.0 (bitrix24): 3 pipelines + lead funnel, 34 stages, …</c>.</summary>
    public override string ToString() =>
        $"{Key} {Version} ({Crm}): {Count(Pipelines, "pipeline")}{(LeadFunnel ? " + lead funnel" : string.Empty)}, " +
        $"{Count(Stages, "stage")}, {Count(Fields, "field")}, {Count(Automations, "automation")}, {Count(Processes, "process", "processes")}, " +
        $"{Count(Robots, "robot")}, {Count(Roles, "role")}" + (Placements > 0 ? $", {Count(Placements, "placement")}" : string.Empty);

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
