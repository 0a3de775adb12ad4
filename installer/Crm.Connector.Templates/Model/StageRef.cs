using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>A stage named by its flow and code: <c>{"pipeline": "repair", "stage": "ANALYSIS"}</c>.</summary>
public sealed record StageRef
{
    /// <summary>Pipeline key; omitted (or <c>leads</c>) for the lead funnel.</summary>
    public string? Pipeline { get; init; }

    [JsonRequired]
    public string Stage { get; init; } = string.Empty;

    /// <summary>The flow key this reference points into (<see cref="LeadFunnel.Key"/> when no pipeline is named).</summary>
    public string FlowKey(CrmEntity entity) =>
        Pipeline ?? (entity == CrmEntity.Lead ? LeadFunnel.Key : string.Empty);
}
