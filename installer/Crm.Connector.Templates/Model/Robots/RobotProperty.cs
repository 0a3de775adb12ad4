using Crm.Connector.Templates.Model.Conditions;
using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Robots;

/// <summary>A parameter a robot takes, or a value it returns.</summary>
public sealed record RobotProperty
{
    /// <summary>System name: starts with a letter, then <c>A-Za-z0-9_</c>.</summary>
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    [JsonRequired]
    public RobotPropertyType Type { get; init; } = RobotPropertyType.String;

    public bool Required { get; init; }

    public bool Multiple { get; init; }

    public LiteralValue? Default { get; init; }

    /// <summary>Choices of a <c>select</c> property.</summary>
    public IReadOnlyList<ListItem> Options { get; init; } = [];
}
