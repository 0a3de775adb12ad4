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
    };
}
