using Crm.Connector.Installer.Planning;

namespace Crm.Connector.Installer.Apply;

/// <summary>
/// What an apply has done so far, whichever CRM it writes to: counts, refusals, what was kept, and the progress shown
/// (<see cref="Done"/> of the plan's writing steps).
/// </summary>
internal sealed class ApplyTally(ProvisioningPlan plan, IProgress<ApplyProgress>? progress)
{
    private readonly int _total = plan.Steps.Count(s => s.Writes);
    private int _done;

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Adopted { get; set; }

    public int Deleted { get; set; }

    public List<StepFailure> Failures { get; } = [];

    public List<string> Kept { get; } = [];

    /// <summary>One more step done, now at <paramref name="current"/>.</summary>
    public void Done(string current) => progress?.Report(new ApplyProgress(Math.Min(++_done, _total), _total, current));

    /// <summary>The CRM refused <paramref name="step"/>, in its words.</summary>
    public void Fail(PlanStep step, string error)
    {
        Failures.Add(new StepFailure(step.Key, step.Title, error));
        Done(step.Title);
    }

    public ApplyResult Result(int requests) => new()
    {
        Created = Created,
        Updated = Updated,
        Adopted = Adopted,
        Deleted = Deleted,
        Kept = Kept,
        Failures = Failures,
        Requests = requests,
    };
}
