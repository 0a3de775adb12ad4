namespace Crm.Connector.Automation.Engine;

/// <summary>What the engine decided for one item: automations to run now, checks to schedule, scheduled checks to cancel.</summary>
public sealed record EngineOutcome
{
    public static readonly EngineOutcome None = new();

    public IReadOnlyList<AutomationRun> Runs { get; init; } = [];

    public IReadOnlyList<ScheduledCheck> Schedule { get; init; } = [];

    /// <summary>Key prefixes of scheduled checks that no longer apply (the item left the stage they wait on).</summary>
    public IReadOnlyList<string> Cancel { get; init; } = [];

    public bool IsEmpty => Runs.Count == 0 && Schedule.Count == 0 && Cancel.Count == 0;
}
