using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Desired;

namespace Crm.Connector.Installer.Planning;

/// <summary>The steps that bring a portal to a template, computed from the template, the portal and the ledger.</summary>
public sealed class ProvisioningPlan(DesiredState desired, PortalSnapshot snapshot, IReadOnlyList<PlanStep> steps, PlanOptions options, IReadOnlyDictionary<string, string> recovered)
{
    /// <summary>Objects an interrupted apply created without recording them: resource key → portal id (recorded on apply).</summary>
    public IReadOnlyDictionary<string, string> Recovered { get; } = recovered;

    public DesiredState Desired { get; } = desired;

    public PortalSnapshot Snapshot { get; } = snapshot;

    public IReadOnlyList<PlanStep> Steps { get; } = steps;

    public PlanOptions Options { get; } = options;

    /// <summary>True when applying would write anything.</summary>
    public bool HasChanges => Steps.Any(s => s.Writes);

    public IEnumerable<PlanStep> Conflicts => Steps.Where(s => s.Action == StepAction.Conflict);

    public int Count(StepAction action) => Steps.Count(s => s.Action == action);

    /// <summary>"3 to create, 1 to update, 40 unchanged, 2 conflicts, 5 skipped by plan, 26 run by the app".</summary>
    public string Summary()
    {
        var parts = new List<string>();
        void Add(StepAction action, string what)
        {
            var n = Count(action);
            if (n > 0)
            {
                parts.Add($"{n} {what}");
            }
        }

        Add(StepAction.Create, "to create");
        Add(StepAction.Update, "to update");
        Add(StepAction.Adopt, "to adopt");
        Add(StepAction.Delete, "to delete");
        Add(StepAction.Unchanged, "unchanged");
        Add(StepAction.Conflict, Count(StepAction.Conflict) == 1 ? "conflict" : "conflicts");
        Add(StepAction.Keep, "kept");
        Add(StepAction.Skipped, "skipped");
        Add(StepAction.RunByApp, "run by the app");
        return parts.Count == 0 ? "nothing to do" : string.Join(", ", parts);
    }
}
