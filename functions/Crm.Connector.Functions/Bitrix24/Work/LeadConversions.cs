using Crm.Connector.Automation;
using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Processes;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// Before a lead is routed, what the portal already holds for it, in one batch request for all such leads of the batch:
/// the deals made from it (<c>crm.deal.list</c> filtered by <c>LEAD_ID</c> — the portal's own conversion sets it, and
/// so does the app's route), and the contact and company the lead is bound to (<c>CONTACT_ID</c>, <c>COMPANY_ID</c>).
/// </summary>
internal static class LeadConversions
{
    /// <summary>The leads of <paramref name="fired"/> whose automations route them, and those a robot's decision routes.</summary>
    public static IReadOnlyList<(long Id, JObject Raw)> Concerned(CrmTemplate template, IEnumerable<(AutomationRun Run, JObject Raw)> fired, IEnumerable<(ItemState Item, JObject Raw, ProcessDecision Decision)> robots)
    {
        var routing = template.Processes.OfType<LeadRoutingProcess>().Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        return [.. fired.Where(f => f.Run.Item.Entity == "lead" && f.Run.Automation.Actions.OfType<RunProcessAction>().Any(a => routing.Contains(a.Process))).Select(f => (f.Run.Item.Id, f.Raw))
            .Concat(robots.Where(r => r.Item.Entity == "lead" && r.Decision.Route is not null).Select(r => (r.Item.Id, r.Raw)))
            .DistinctBy(l => l.Item1)];
    }

    /// <summary>Reads the deals made from each lead; a failed read fails the batch (it is retried), never routes blindly.</summary>
    public static async Task<IReadOnlyDictionary<long, LeadConversionState>> ReadAsync(IReadOnlyList<(long Id, JObject Raw)> leads, ItemMapper mapper, Crm.Connector.Bitrix24.Bitrix24Client client, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, LeadConversionState>();
        if (leads.Count == 0)
        {
            return result;
        }

        var read = await client.BatchAsync(
            [.. leads.Select(l => new BatchCommand(Key(l.Id), "crm.deal.list", new JObject { ["filter"] = new JObject { ["LEAD_ID"] = l.Id }, ["select"] = new JArray("*", "UF_*") }))],
            cancellationToken: cancellationToken);
        read.EnsureSuccess();
        foreach (var (id, raw) in leads)
        {
            var deals = read[Key(id)];
            result[id] = new LeadConversionState(
                [.. (deals.Result as JArray ?? []).OfType<JObject>().Select(d => mapper.ToState("deal", d.Value<long>("ID"), d))],
                Bound(raw, "CONTACT_ID"),
                Bound(raw, "COMPANY_ID"));
        }

        return result;
    }

    private static string? Bound(JObject raw, string field) => raw.Value<string>(field) is { Length: > 0 } id && id != "0" ? id : null;

    private static string Key(long lead) => $"converted{lead.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
