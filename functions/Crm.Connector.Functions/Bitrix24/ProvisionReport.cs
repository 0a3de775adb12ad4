using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>What provisioning did: created/updated counts, what the plan left out and why, conflicts, failures.</summary>
public sealed record ProvisionReport(string Template, string Version, string? Plan, ProvisioningPlan Steps, ApplyResult Result, int Requests)
{
    public bool Succeeded => Result.Succeeded;

    /// <summary>
    /// Of <see cref="ApplyResult.Created"/>, the app's own event bindings (each event to the handler and to the offline
    /// queue) — not part of the template, so <c>crm-connector apply</c> of the same template reports that many fewer.
    /// </summary>
    public int EventBindingsCreated => Steps.Steps.Count(s => s.Kind == Installer.ResourceKind.EventBinding && s.Action == StepAction.Create && !Result.Failures.Any(f => f.Key == s.Key));

    public JObject ToJson() => new()
    {
        ["template"] = Template,
        ["version"] = Version,
        ["plan"] = Plan,
        ["created"] = Result.Created,
        ["updated"] = Result.Updated,
        ["unchanged"] = Steps.Count(StepAction.Unchanged),
        ["runByApp"] = Steps.Count(StepAction.RunByApp),
        ["notInstalled"] = new JArray(Steps.Steps.Where(s => s.Action == StepAction.Skipped).Select(s => new JObject { ["what"] = s.Title, ["why"] = s.Note })),
        ["conflicts"] = new JArray(Steps.Conflicts.Select(s => new JObject { ["what"] = s.Title, ["why"] = s.Note })),
        ["failures"] = new JArray(Result.Failures.Select(f => new JObject { ["what"] = f.Title, ["error"] = f.Error })),
        ["requests"] = Requests,
        ["robotsToPlace"] = RobotsToPlace(),
    };

    /// <summary>
    /// The robots an admin must add to stages (Bitrix24 REST registers a robot but cannot put it on a stage), from the
    /// template's placements: code, name, the stages by pipeline and name, what to set, and a sentence saying it.
    /// </summary>
    private JArray RobotsToPlace() => new(Steps.Desired.Robots.Where(r => r.Placement is not null).Select(r => new JObject
    {
        ["code"] = r.Definition.Code,
        ["name"] = r.Definition.Name.Get(),
        ["stages"] = new JArray(r.Placement!.Stages.Select(s => new JObject { ["pipeline"] = s.Pipeline, ["pipelineName"] = s.FlowName, ["stage"] = s.Stage, ["stageName"] = s.StageName })),
        ["note"] = r.Placement.Note,
        ["message"] = $"Robot {r.Definition.Code} «{r.Definition.Name.Get()}»: {r.Placement.Describe()}.",
    }));
}
