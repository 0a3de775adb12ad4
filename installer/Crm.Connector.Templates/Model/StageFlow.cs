using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>An ordered list of stages: the lead funnel or a deal pipeline.</summary>
public abstract record StageFlow
{
    [JsonRequired]
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    /// <summary>Code of the list field that records the reason chosen on a stage with <see cref="Stage.Reasons"/>.</summary>
    public string? ReasonField { get; init; }

    public string? RequiresPlan { get; init; }

    public LocalizedText? Description { get; init; }

    /// <summary>The template key of the flow (<see cref="LeadFunnel.Key"/> for the lead funnel).</summary>
    [JsonIgnore]
    public abstract string FlowKey { get; }

    /// <summary>The entity whose items move through the flow.</summary>
    [JsonIgnore]
    public abstract CrmEntity Entity { get; }
}
