using Crm.Connector.Templates.Model.Robots;

namespace Crm.Connector.Installer.Desired;

/// <summary>
/// An app robot to register, pointing at <see cref="Handler"/>. <see cref="Fingerprint"/> condenses the registration,
/// so a re-apply can tell an unchanged robot without reading it back (the portal lists only codes).
/// <see cref="Placement"/> is where an admin puts it (REST cannot), from the template.
/// </summary>
public sealed record DesiredRobot(ResourceKey Key, RobotDefinition Definition, Uri Handler, string Fingerprint, DesiredRobotPlacement? Placement = null);

/// <summary>A stage an admin adds a robot to: its flow (null pipeline = the lead funnel) and names as the portal shows them.</summary>
public sealed record RobotStage(string? Pipeline, string FlowName, string Stage, string StageName)
{
    public override string ToString() => $"«{FlowName}» → «{StageName}»";
}

/// <summary>Where an admin adds a robot to the stages' robots, and what to set (<see cref="Note"/>).</summary>
public sealed record DesiredRobotPlacement(IReadOnlyList<RobotStage> Stages, string? Note)
{
    /// <summary>One sentence for plans and install answers.</summary>
    public string Describe() =>
        $"an admin adds it to the robots of {string.Join(", ", Stages)} (Bitrix24 REST cannot put a robot on a stage)" + (Note is { Length: > 0 } note ? $": {note}" : string.Empty);
}
