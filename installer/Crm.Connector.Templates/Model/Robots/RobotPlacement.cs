namespace Crm.Connector.Templates.Model.Robots;

/// <summary>
/// Where an admin puts a robot: Bitrix24 REST registers a robot but cannot put it on a stage, so the install answer, the
/// plan and the README tell the admin which stages' robots to add it to, and how.
/// </summary>
public sealed record RobotPlacement
{
    /// <summary>The stages whose robots it goes into (<c>{"pipeline": "body-repair", "stage": "APPROVAL"}</c>; no pipeline = the lead funnel).</summary>
    public IReadOnlyList<StageRef> Stages { get; init; } = [];

    /// <summary>What to set when adding it (its properties, when it should run).</summary>
    public LocalizedText? Note { get; init; }
}
