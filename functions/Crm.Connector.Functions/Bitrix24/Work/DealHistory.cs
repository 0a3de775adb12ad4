using Crm.Connector.Automation.Engine;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Templates.Model.Actions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// A deal's history as Bitrix24 REST can copy it: its timeline comments (<c>crm.timeline.comment.list</c>, pages of 50,
/// read in batch requests for every deal a <c>copyDeal</c> with <c>copyHistory</c> copies). The timeline's system
/// entries (stage changes, calls) have no REST write counterpart; the copy says where it came from instead.
/// </summary>
internal static class DealHistory
{
    /// <summary>The deals of <paramref name="fired"/> an automation copies with their history.</summary>
    public static IReadOnlyList<long> Concerned(IEnumerable<AutomationRun> fired) =>
        [.. fired.Where(r => r.Item.Entity == "deal" && r.Automation.Actions.OfType<CopyDealAction>().Any(c => c.CopyHistory)).Select(r => r.Item.Id).Distinct()];

    /// <summary>Each deal's comments, oldest first; a failed read fails the batch (it is retried), never copies half.</summary>
    public static async Task<IReadOnlyDictionary<long, IReadOnlyList<JObject>>> ReadAsync(IReadOnlyList<long> deals, Crm.Connector.Bitrix24.Bitrix24Client client, CancellationToken cancellationToken)
    {
        var comments = deals.ToDictionary(d => d, _ => new List<JObject>());
        var next = deals.ToDictionary(d => d, _ => (int?)0);
        while (next.Any(n => n.Value is not null))
        {
            var read = await client.BatchAsync(
                [.. next.Where(n => n.Value is not null).Select(n => new BatchCommand(Key(n.Key), "crm.timeline.comment.list", new JObject
                {
                    ["filter"] = new JObject { ["ENTITY_ID"] = n.Key, ["ENTITY_TYPE"] = "deal" },
                    ["select"] = new JArray("ID", "CREATED", "AUTHOR_ID", "COMMENT"),
                    ["start"] = n.Value,
                }))],
                cancellationToken: cancellationToken);
            read.EnsureSuccess();
            foreach (var deal in next.Where(n => n.Value is not null).Select(n => n.Key).ToList())
            {
                var page = read[Key(deal)];
                comments[deal].AddRange((page.Result as JArray ?? []).OfType<JObject>());
                next[deal] = page.Next;
            }
        }

        return comments.ToDictionary(c => c.Key, c => (IReadOnlyList<JObject>)[.. c.Value.OrderBy(j => j.Value<long>("ID"))]);
    }

    private static string Key(long deal) => $"history{deal.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
