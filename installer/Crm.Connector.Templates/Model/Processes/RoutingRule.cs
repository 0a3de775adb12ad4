using Crm.Connector.Templates.Model.Conditions;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>Where a qualified lead goes when <see cref="When"/> holds (the first matching rule wins).</summary>
public sealed record RoutingRule
{
    public Condition? When { get; init; }

    [JsonRequired]
    public string Pipeline { get; init; } = string.Empty;

    /// <summary>The stage of the new deal; the pipeline's first stage when omitted.</summary>
    public string? Stage { get; init; }
}
