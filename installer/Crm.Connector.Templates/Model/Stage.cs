using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>One stage of a pipeline or lead funnel, in the order it appears.</summary>
public sealed record Stage
{
    /// <summary>Short stable code, <c>A-Z0-9_</c>; becomes the Bitrix24 STATUS_ID (after the portal's <c>C{id}:</c> prefix).</summary>
    [JsonRequired]
    public string Code { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    /// <summary><c>#RRGGBB</c>; optional (the CRM picks one).</summary>
    public string? Color { get; init; }

    public StageSemantics Semantics { get; init; } = StageSemantics.Process;

    /// <summary>
    /// Item codes of the flow's <c>reasonField</c> the user must choose from when moving an item here.
    /// Empty means no reason is asked.
    /// </summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    public LocalizedText? Description { get; init; }
}
