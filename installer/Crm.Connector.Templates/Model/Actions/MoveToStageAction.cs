using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>Moves the item to a stage, in its own flow or (deals) in another <see cref="Pipeline"/>.</summary>
public sealed record MoveToStageAction : AutomationAction
{
    public const string Type = "moveToStage";

    public string? Pipeline { get; init; }

    [JsonRequired]
    public string Stage { get; init; } = string.Empty;

    public override string TypeName => Type;
}
