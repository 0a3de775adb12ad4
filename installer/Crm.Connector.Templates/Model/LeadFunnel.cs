using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>The lead statuses (Bitrix24 only: amoCRM has no separate lead entity).</summary>
public sealed record LeadFunnel : IStageFlow
{
    /// <summary>The key by which automations and stage references name the lead funnel.</summary>
    public const string Key = "leads";

    [JsonRequired]
    public IReadOnlyList<Stage> Stages { get; init; } = [];

    public string? ReasonField { get; init; }

    public string? RequiresPlan { get; init; }

    public LocalizedText? Description { get; init; }

    [JsonIgnore]
    public string FlowKey => Key;

    [JsonIgnore]
    public CrmEntity Entity => CrmEntity.Lead;
}
