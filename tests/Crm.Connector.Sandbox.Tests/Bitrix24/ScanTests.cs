using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Whole-table reads of 10,000 deals (bitrix24-rest.md §11 fast scan, §10 chained batch, §15 b24phpsdk traversal).</summary>
public sealed class ScanTests : SandboxTest
{
    private const int Deals = 10_000;

    [Fact]
    public async Task KeysetPaging_TenThousandDeals_EveryIdOnceInOrder() // §11: order ID ASC, filter >ID, start=-1
    {
        var seeded = Sandbox.SeedDeals(Deals);
        var seen = new List<int>();
        var last = 0;
        while (true)
        {
            var page = (JArray)(await Rest.WebhookAsync("crm.deal.list", new JObject
            {
                ["order"] = new JObject { ["ID"] = "ASC" },
                ["filter"] = new JObject { [">ID"] = last },
                ["select"] = new JArray("ID"),
                ["start"] = -1,
            })).Ok();
            seen.AddRange(page.Select(d => d.Value<int>("ID")));
            if (page.Count < 50)
            {
                break;
            }

            last = seen[^1];
        }

        Assert.Equal(seeded, seen);
        Assert.Equal(Deals / 50 + 1, Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task ChainedBatch_TenThousandDeals_NoDuplicatesOrGaps() // §10 + §11: 50 pages per request via $result[prev][49][ID]
    {
        var seeded = Sandbox.SeedDeals(Deals);
        var seen = new List<int>();
        var last = 0;
        var done = false;
        while (!done)
        {
            var cmd = new JObject();
            for (var i = 0; i < 50; i++)
            {
                var after = i == 0 ? last.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"$result[p{i - 1}][49][ID]";
                cmd[$"p{i}"] = $"crm.deal.list?order[ID]=ASC&filter[>ID]={after}&select[]=ID&start=-1";
            }

            var result = (await Rest.WebhookAsync("batch", new JObject { ["halt"] = 0, ["cmd"] = cmd })).Ok();
            for (var i = 0; i < 50 && !done; i++)
            {
                var page = (JArray)result["result"]![$"p{i}"]!;
                seen.AddRange(page.Select(d => d.Value<int>("ID")));

                // A short page ends the scan: later commands referred to a row that does not exist (§10).
                done = page.Count < 50;
            }

            last = seen[^1];
        }

        Assert.Equal(seeded, seen);
        Assert.Equal(Deals / 2_500 + 1, Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task ChainedBatch_ItemList_UsesItemsAndLowercaseId() // §10: $result[page][items][49][id]
    {
        var seeded = Sandbox.SeedDeals(2_600);
        var cmd = new JObject();
        for (var i = 0; i < 50; i++)
        {
            var after = i == 0 ? "0" : $"$result[p{i - 1}][items][49][id]";
            cmd[$"p{i}"] = $"crm.item.list?entityTypeId=2&order[id]=ASC&filter[>id]={after}&select[]=id&start=-1";
        }

        var result = (await Rest.WebhookAsync("batch", new JObject { ["cmd"] = cmd })).Ok();
        var ids = Enumerable.Range(0, 50).SelectMany(i => result["result"]![$"p{i}"]!["items"]!.Select(item => item.Value<int>("id"))).ToList();

        Assert.Equal(seeded.Take(2_500), ids);
    }

    [Fact]
    public async Task KeysetPaging_DealsDeletedAheadAndAddedBehind_NoDuplicates() // §16.3: total drift during long scans
    {
        var seeded = Sandbox.SeedDeals(500);
        var seen = new List<int>();
        var last = 0;
        var deletedAhead = seeded.Where(id => id > 250 && id % 7 == 0).ToHashSet();
        while (true)
        {
            var page = (JArray)(await Rest.WebhookAsync("crm.deal.list", new JObject { ["order"] = new JObject { ["ID"] = "ASC" }, ["filter"] = new JObject { [">ID"] = last }, ["start"] = -1 })).Ok();
            seen.AddRange(page.Select(d => d.Value<int>("ID")));
            if (seen.Count == 100)
            {
                foreach (var id in deletedAhead)
                {
                    Sandbox.DeleteDeal(id);
                }

                Sandbox.SeedDeals(10);
            }

            if (page.Count < 50)
            {
                break;
            }

            last = seen[^1];
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(seen.Intersect(deletedAhead));
        Assert.Equal(500 - deletedAhead.Count + 10, seen.Count);
    }

    [Fact]
    public void SeedDeals_FillTheFirstStageWithTitlesAndAmounts()
    {
        var ids = Sandbox.SeedDeals(3);
        var deal = Sandbox.State()["items"]!["deal"]![0]!;

        Assert.Equal([1, 2, 3], ids);
        Assert.Equal(("Deal 1", "NEW", "0", "1"), (deal.Value<string>("TITLE"), deal.Value<string>("STAGE_ID"), deal.Value<string>("CATEGORY_ID"), deal.Value<string>("ASSIGNED_BY_ID")));
        Assert.NotEqual("0.00", deal.Value<string>("OPPORTUNITY"));
    }
}
