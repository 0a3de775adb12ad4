using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Triggers;

/// <summary>
/// The item has stayed in one of <see cref="Stages"/> for <see cref="For"/> since entering it; with
/// <see cref="RepeatEvery"/>, fires again at that interval while it stays. Leaving the stage cancels it.
/// </summary>
public sealed record InStageTrigger : AutomationTrigger
{
    public const string Type = "inStage";

    [JsonRequired]
    public IReadOnlyList<string> Stages { get; init; } = [];

    [JsonRequired]
    public Delay For { get; init; } = Delay.Hours(1);

    public Delay? RepeatEvery { get; init; }

    public override string TypeName => Type;
}
