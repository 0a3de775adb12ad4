using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Desired;

namespace Crm.Connector.Installer.Planning;

/// <summary>A pipeline: create, rename, adopt.</summary>
public sealed record FlowStep : PlanStep
{
    public required DesiredFlow Desired { get; init; }

    public ActualFlow? Actual { get; init; }
}

/// <summary>A stage of a flow. <see cref="InNewFlow"/>: its pipeline is created by this apply (the portal adds default stages).</summary>
public sealed record StageStep : PlanStep
{
    public required DesiredStage Desired { get; init; }

    public required string FlowKey { get; init; }

    public ActualStage? Actual { get; init; }

    public bool InNewFlow { get; init; }

    /// <summary>The position among the flow's stages the step sets (null: leave the portal's).</summary>
    public int? Sort { get; init; }
}

/// <summary>A custom field, with what happens to its list items.</summary>
public sealed record FieldStep : PlanStep
{
    public required DesiredField Desired { get; init; }

    public ActualField? Actual { get; init; }

    /// <summary>True when the stages the CRM requires the field from are to be (re)set.</summary>
    public bool SetsRequiredStages { get; init; }

    public IReadOnlyList<ItemChange> Items { get; init; } = [];
}

/// <summary>One list item of a field step.</summary>
public sealed record ItemChange(ResourceKey Key, StepAction Action, DesiredListItem? Desired, ActualListItem? Actual);

/// <summary>A lead source.</summary>
public sealed record SourceStep : PlanStep
{
    public required DesiredListItem Desired { get; init; }

    public ActualListItem? Actual { get; init; }
}

/// <summary>One of the CRM's own loss reasons.</summary>
public sealed record LossReasonStep : PlanStep
{
    public required DesiredListItem Desired { get; init; }

    public ActualListItem? Actual { get; init; }
}

/// <summary>An access role with its rights.</summary>
public sealed record RoleStep : PlanStep
{
    public required DesiredRole Desired { get; init; }

    public ActualRole? Actual { get; init; }
}

/// <summary>An app robot registration.</summary>
public sealed record RobotStep : PlanStep
{
    public required DesiredRobot Desired { get; init; }
}

/// <summary>
/// A button in the CRM's interface: bind it (create), bind it again with new texts or a new handler (update: unbind
/// <see cref="Previous"/>, then bind), or nothing.
/// </summary>
public sealed record PlacementStep : PlanStep
{
    public required DesiredPlacement Desired { get; init; }

    /// <summary>What is bound now and is replaced (update), else null.</summary>
    public ActualPlacement? Previous { get; init; }
}

/// <summary>An event handler binding (create) or an obsolete one of ours (delete).</summary>
public sealed record EventStep : PlanStep
{
    public DesiredEvent? Desired { get; init; }

    public ActualEvent? Actual { get; init; }
}

/// <summary>An automation the app runs (nothing written).</summary>
public sealed record AutomationStep : PlanStep
{
    public required DesiredAutomation Desired { get; init; }
}

/// <summary>A part left out, with the plan that would include it.</summary>
public sealed record SkippedStep : PlanStep
{
    public required SkippedPart Part { get; init; }
}

/// <summary>An object of ours that the template no longer has: removed with <c>--allow-destroy</c>, else kept.</summary>
public sealed record RemovalStep : PlanStep
{
    /// <summary>For a stage or list item: the flow or field it belongs to.</summary>
    public string? Parent { get; init; }
}
