using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Triggers;

/// <summary>The item entered one of <see cref="Stages"/> (codes in the automation's flow).</summary>
public sealed record StageEnteredTrigger : AutomationTrigger
{
    public const string Type = "stageEntered";

    [JsonRequired]
    public IReadOnlyList<string> Stages { get; init; } = [];

    public override string TypeName => Type;
}
