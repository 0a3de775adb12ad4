using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;

namespace Crm.Connector.Automation.Rules;

/// <summary>
/// The item entered a stage that lists reasons: the flow's reason field must hold one of <see cref="Allowed"/> (not blank,
/// not another stage's); otherwise the item goes back and the user is asked to choose. Implied by the template
/// (<see cref="ImpliedRuleKind.Reason"/>), never written in one.
/// </summary>
public sealed record RequireReasonAction : AutomationAction
{
    public required string Field { get; init; }

    public required IReadOnlyList<string> Allowed { get; init; }

    public override string TypeName => "requireReason";
}

/// <summary>
/// A set-once field changed: its first value is written back and the user told. Implied by the template
/// (<see cref="ImpliedRuleKind.SetOnce"/>), never written in one.
/// </summary>
public sealed record KeepSetOnceAction : AutomationAction
{
    public required string Field { get; init; }

    public override string TypeName => "keepSetOnce";
}
