using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>Whole lists (bitrix24-rest.md §11): the id-keyset scan, batched; id ranges read at once; paging by next.</summary>
public sealed class ScanTests : IAsyncLifetime
{
    private Bitrix24Sandbox _sandbox = null!;
    private Bitrix24Client _client = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await Bitrix24Sandbox.StartAsync();
        _client = SandboxClients.Webhook(_sandbox);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Scan_TenThousandDeals_EveryOneOnceInAtMostFiveRequests()
    {
        var seeded = _sandbox.SeedDeals(10_000);

        var ids = await _client.Crm.Deals.ScanAsync(select: ["ID", "TITLE"]).Select(d => d.Value<int>("ID")).ToListAsync();

        Assert.Equal(seeded, ids);
        Assert.True(_sandbox.Stats.Requests <= 5, $"{_sandbox.Stats.Requests} requests");
    }

    [Fact]
    public async Task Scan_ItemMethod_UsesItsShapeAndNames()
    {
        var seeded = _sandbox.SeedDeals(2_540);

        var ids = await _client.Crm.Items.ScanAsync(2, select: ["id"]).Select(d => d.Value<int>("id")).ToListAsync();

        Assert.Equal(seeded, ids);
        Assert.Equal(2, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Scan_WhileDealsAreDeletedAndAdded_NoDuplicatesAndNoGapsAmongThoseThatStayed()
    {
        var seeded = _sandbox.SeedDeals(6_000);
        var deletedAhead = seeded.Where(id => id % 97 == 0 && id > seeded[3_000]).ToHashSet();
        var seen = new List<int>();

        await foreach (var deal in _client.Crm.Deals.ScanAsync(select: ["ID"], pagesPerRequest: 20))
        {
            seen.Add(deal.Value<int>("ID"));
            if (seen.Count == 1_200)
            {
                foreach (var id in deletedAhead)
                {
                    _sandbox.DeleteDeal(id);
                }

                _sandbox.SeedDeals(100);
            }
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(seeded.Except(deletedAhead).Except(seen));
        Assert.Empty(seen.Intersect(deletedAhead));
        Assert.Equal(6_000 - deletedAhead.Count + 100, seen.Count);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(30, 1)]
    [InlineData(50, 2)]
    [InlineData(51, 2)]
    [InlineData(2_549, 2)]
    [InlineData(2_550, 3)]
    [InlineData(2_551, 3)]
    public async Task Scan_ListOfSize_UsesTheFewestRequests(int count, int requests)
    {
        _sandbox.SeedDeals(count);

        var read = await _client.Crm.Deals.ScanAsync(select: ["ID"]).CountAsync();

        Assert.Equal(count, read);
        Assert.Equal(requests, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Scan_WithAFilter_KeepsIt()
    {
        _sandbox.SeedDeals(300);
        var categoryDeal = await _client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "Особая" });

        var found = await _client.Crm.Deals.ScanAsync(new JObject { ["TITLE"] = "Особая" }).ToListAsync();

        Assert.Equal(categoryDeal, Assert.Single(found).Value<int>("ID"));
    }

    [Fact]
    public async Task ReadAll_TenThousandDeals_EveryOneOnceInIdOrderInFiveRequests()
    {
        var seeded = _sandbox.SeedDeals(10_000);

        var ids = await _client.Crm.Deals.ReadAllAsync(select: ["ID", "TITLE"]).Select(d => d.Value<int>("ID")).ToListAsync();

        Assert.Equal(seeded, ids);
        Assert.Equal(5, _sandbox.Stats.Requests);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(30, 1)]
    [InlineData(50, 2)]
    [InlineData(2_550, 3)]
    [InlineData(2_551, 3)]
    [InlineData(7_777, 5)]
    public async Task ReadAll_ListOfSize_EveryRowOnceInIdOrder(int count, int requests)
    {
        var seeded = _sandbox.SeedDeals(count);

        var ids = await _client.Crm.Deals.ReadAllAsync(select: ["ID"]).Select(d => d.Value<int>("ID")).ToListAsync();

        Assert.Equal(seeded, ids);
        Assert.Equal(requests, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task ReadAll_IdsDenseFirstThenAGap_EveryRowThatIsThereOnce()
    {
        // The first page suggests dense ids, so the span is cut into two ranges; the first of them turns out empty.
        var seeded = _sandbox.SeedDeals(3_000);
        foreach (var id in seeded.Skip(50).Take(1_950))
        {
            _sandbox.DeleteDeal(id);
        }

        var ids = await _client.Crm.Deals.ReadAllAsync(select: ["ID"]).Select(d => d.Value<int>("ID")).ToListAsync();

        Assert.Equal(seeded.Take(50).Concat(seeded.Skip(2_000)), ids);
        Assert.Equal(3, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task ReadAll_WithItsOwnUpperIdBound_KeepsIt()
    {
        var seeded = _sandbox.SeedDeals(10_000);

        var ids = await _client.Crm.Deals.ReadAllAsync(new JObject { ["<=ID"] = seeded[5_999] }, ["ID"]).Select(d => d.Value<int>("ID")).ToListAsync();

        Assert.Equal(seeded.Take(6_000), ids);
    }

    [Fact]
    public async Task ReadAll_ItemMethod_UsesItsShapeAndNames()
    {
        var seeded = _sandbox.SeedDeals(5_100);

        var ids = await _client.Crm.Items.ReadAllAsync(2, select: ["id"]).Select(d => d.Value<int>("id")).ToListAsync();

        Assert.Equal(seeded, ids);
        Assert.Equal(4, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task List_PageByPage_FollowsNext()
    {
        _sandbox.SeedDeals(120);

        var rows = await _client.ListAsync("crm.deal.list", new JObject { ["order"] = new JObject { ["ID"] = "ASC" } }, ListShape.Legacy).CountAsync();

        Assert.Equal(120, rows);
        Assert.Equal(3, _sandbox.Stats.Requests);
    }
}
