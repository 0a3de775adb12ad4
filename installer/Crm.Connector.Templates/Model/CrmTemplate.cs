using Crm.Connector.Templates.Model.Placements;
using Crm.Connector.Templates.Model.Processes;
using Crm.Connector.Templates.Model.Robots;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// An industry CRM solution for one CRM, as a partner writes it: pipelines and stages, fields, roles, automations,
/// business-process settings, robots and buttons in the CRM's interface (placements). Everything refers to everything else by stable template keys; portal ids live
/// only in the provisioning ledger.
/// </summary>
public sealed record CrmTemplate
{
    /// <summary>Editor hint (<c>"$schema": "../template.schema.json"</c>); ignored by the product.</summary>
    [JsonProperty("$schema")]
    public string? Schema { get; init; }

    /// <summary>Stable identifier, <c>a-z0-9-</c>; the built-in name (<c>driving-school</c>).</summary>
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    /// <summary>Semantic version <c>MAJOR.MINOR.PATCH</c>.</summary>
    [JsonRequired]
    public string Version { get; init; } = "1.0.0";

    [JsonRequired]
    public CrmKind Crm { get; init; } = CrmKind.Bitrix24;

    [JsonRequired]
    public LocalizedText Title { get; init; } = LocalizedText.Plain(string.Empty);

    [JsonRequired]
    public LocalizedText Description { get; init; } = LocalizedText.Plain(string.Empty);

    /// <summary>Lead sources / sales channels (Bitrix24 SOURCE directory).</summary>
    public IReadOnlyList<ListItem> Sources { get; init; } = [];

    public LeadFunnel? LeadFunnel { get; init; }

    public IReadOnlyList<Pipeline> Pipelines { get; init; } = [];

    public EntityFields Fields { get; init; } = new();

    public SystemFieldRequirements RequiredSystemFields { get; init; } = new();

    public IReadOnlyList<Role> Roles { get; init; } = [];

    public IReadOnlyList<Position> Positions { get; init; } = [];

    public IReadOnlyList<Automation> Automations { get; init; } = [];

    public IReadOnlyList<ProcessDefinition> Processes { get; init; } = [];

    public IReadOnlyList<RobotDefinition> Robots { get; init; } = [];

    /// <summary>Buttons the app puts into the CRM's interface (Bitrix24 placements), each running one of the processes.</summary>
    public IReadOnlyList<PlacementDefinition> Placements { get; init; } = [];

    /// <summary>The lead funnel (when present) followed by the deal pipelines.</summary>
    [JsonIgnore]
    public IEnumerable<StageFlow> Flows =>
        LeadFunnel is null ? Pipelines : Pipelines.Cast<StageFlow>().Prepend(LeadFunnel);

    /// <summary>The flow with <paramref name="key"/> (<c>leads</c> for the lead funnel).</summary>
    public StageFlow? FindFlow(string? key) =>
        key is null ? null : Flows.FirstOrDefault(f => string.Equals(f.FlowKey, key, StringComparison.Ordinal));
}
