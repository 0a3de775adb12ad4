using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model;

/// <summary>An item of a list field (or a lead source), with a stable code (Bitrix24 XML_ID, amoCRM enum code).</summary>
public sealed record ListItem
{
    /// <summary>Stable code, <c>A-Z0-9_</c>; never shown to users, never changes.</summary>
    [JsonRequired]
    public string Code { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    /// <summary>Selected by default on new items.</summary>
    public bool Default { get; init; }
}
