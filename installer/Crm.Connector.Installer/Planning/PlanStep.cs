namespace Crm.Connector.Installer.Planning;

/// <summary>What the plan does with one resource, and why.</summary>
public abstract record PlanStep
{
    public required ResourceKey Key { get; init; }

    public required StepAction Action { get; init; }

    /// <summary>Where the step is listed: "Lead funnel", "Pipeline «Мойка»", "Deal fields", "Robots"…</summary>
    public required string Group { get; init; }

    /// <summary>One line naming the resource: <c>stage WASHING «Мойка»</c>.</summary>
    public required string Title { get; init; }

    public IReadOnlyList<PropertyChange> Changes { get; init; } = [];

    /// <summary>Why this action (a conflict's reason, a skipped part's plan…).</summary>
    public string? Note { get; init; }

    /// <summary>The portal id of the matched object, when there is one.</summary>
    public string? PortalId { get; init; }

    public ResourceKind Kind => Key.Kind;

    /// <summary>True when applying the step writes to the portal.</summary>
    public bool Writes => Action is StepAction.Create or StepAction.Update or StepAction.Adopt or StepAction.Delete;
}
