using System.Globalization;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;
using WireMock.ResponseBuilders;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>Collection writes: chunks of 50 matched by request_id, 40 values per entity, creates never re-sent.</summary>
public sealed class WriteTests : IDisposable
{
    private const string Leads = "/api/v4/leads";

    private readonly StubAccount _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task AddAsync_120Leads_ThreeRequestsAndResultsInInputOrder()
    {
        _stub.On("POST", Leads, ReversedEcho());
        using var client = _stub.LongLived();
        var leads = Enumerable.Range(0, 120).Select(i => new AmoLeadAdd { Name = $"lead {i}", RequestId = i % 3 == 0 ? $"mine-{i}" : null }).ToList();

        var results = await client.Leads.AddAsync(leads);

        Assert.Equal(3, _stub.Count(Leads, "POST"));
        Assert.Equal([50, 50, 20], _stub.Bodies(Leads, "POST").Select(b => JArray.Parse(b).Count));
        Assert.Equal(Enumerable.Range(0, 120).Select(i => 1000L + i), results.Select(r => r.Id));
        Assert.Equal("mine-3", results[3].RequestId);
    }

    [Fact]
    public async Task AddAsync_45CustomFieldValues_FirstFortyWithTheCreateAndTheRestInOnePatch()
    {
        _stub.On("POST", Leads, ReversedEcho());
        _stub.On("PATCH", Leads, StubAccount.Json("""{"_embedded":{"leads":[{"id":1000,"updated_at":1700000000}]}}"""));
        using var client = _stub.LongLived();
        var values = new CustomFieldValues();
        for (var field = 1; field <= 45; field++)
        {
            values.Text(field, $"v{field}");
        }

        var result = Assert.Single(await client.Leads.AddAsync([new AmoLeadAdd { Name = "big", CustomFieldsValues = values }]));

        Assert.Equal(1000, result.Id);
        var created = (JObject)JArray.Parse(Assert.Single(_stub.Bodies(Leads, "POST")))[0];
        Assert.Equal(40, ((JArray)created["custom_fields_values"]!).Count);
        var patch = (JObject)JArray.Parse(Assert.Single(_stub.Bodies(Leads, "PATCH")))[0];
        Assert.Equal(1000, patch.Value<long>("id"));
        Assert.Equal(Enumerable.Range(41, 5).Select(i => (long)i), ((JArray)patch["custom_fields_values"]!).Select(v => v.Value<long>("field_id")));
        Assert.Equal(1, client.Statistics.SplitWrites);
    }

    [Fact]
    public async Task AddAsync_ConnectionDroppedAfterSending_RaisesUncertainWriteAndSendsOnce()
    {
        using var server = RawHttpStub.Resetting();
        using var client = new AmoCrmClient(new AmoAccountAddress(server.BaseUrl), "long-lived", StubAccount.FastOptions());

        var error = await Assert.ThrowsAsync<AmoCrmUncertainWriteException>(() => client.Leads.AddAsync([new AmoLeadAdd { Name = "once", RequestId = "r-1" }]));

        Assert.Equal(1, server.Requests);
        Assert.Equal(["r-1"], error.RequestIds);
    }

    [Fact]
    public async Task AddAsync_AnswerCutOff_RaisesUncertainWriteAndSendsOnce()
    {
        _stub.On("POST", "/api/v4/tasks", Response.Create().WithStatusCode(200).WithBody("""{"_embedded":{"tasks":[{"id":1,"request_id":"0"}]}}""").WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        using var client = _stub.LongLived();

        await Assert.ThrowsAsync<AmoCrmUncertainWriteException>(() => client.Tasks.AddAsync([new AmoTaskAdd { Text = "call", CompleteTill = DateTimeOffset.FromUnixTimeSeconds(1768471200) }]));

        Assert.Equal(1, _stub.Count("/api/v4/tasks", "POST"));
    }

    [Fact]
    public async Task UpdateAsync_ConnectionDroppedAfterSending_IsRetriedBecausePatchIsIdempotent()
    {
        using var server = RawHttpStub.Resetting();
        using var client = new AmoCrmClient(new AmoAccountAddress(server.BaseUrl), "long-lived", StubAccount.FastOptions() with { MaxRetries = 2 });

        await Assert.ThrowsAsync<AmoCrmTransportException>(() => client.Leads.UpdateAsync(new AmoLeadPatch { Id = 5, Name = "x" }));

        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task AddAsync_Pipelines_StatusesEmbeddedBothWays()
    {
        _stub.On("POST", "/api/v4/leads/pipelines", StubAccount.Json("""
            {"_embedded":{"pipelines":[{"id":77,"name":"Sales","sort":20,"is_main":false,"is_unsorted_on":true,"is_archive":false,"request_id":"tpl-sales",
              "_embedded":{"statuses":[{"id":1,"name":"Incoming","sort":10,"is_editable":false,"pipeline_id":77,"color":"#c1c1c1","type":1},
                                       {"id":142,"name":"Won","sort":10000,"is_editable":false,"pipeline_id":77,"color":"#CCFF66","type":0}]}}]}}
            """));
        using var client = _stub.LongLived();

        var pipeline = Assert.Single(await client.Pipelines.AddAsync([new AmoPipelineAdd
        {
            Name = "Sales", Sort = 20, IsUnsortedOn = true, RequestId = "tpl-sales", Statuses = [new AmoStatusAdd { Id = AmoStatus.Won, Name = "Won" }],
        }]));

        Assert.Equal((77L, true, false), (pipeline.Id, pipeline.IsUnsortedOn, pipeline.IsMain));
        Assert.Equal([1L, 142], pipeline.Statuses.Select(s => s.Id));
        Assert.Equal(AmoStatus.UnsortedType, pipeline.Statuses[0].Type);
        var sent = (JObject)JArray.Parse(_stub.Bodies("/api/v4/leads/pipelines", "POST")[0])[0];
        Assert.Equal(142, sent["_embedded"]!["statuses"]![0]!.Value<long>("id"));
        Assert.False(sent["_embedded"]!["statuses"]![0]!.Children<JProperty>().Any(p => p.Name == "sort"), "nulls are not sent");
    }

    /// <summary>Answers a create with ids 1000 + the position its request_id names (or its position), in reverse order.</summary>
    private static IResponseBuilder ReversedEcho() => Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/hal+json")
        .WithBody(request =>
        {
            var sent = JArray.Parse(request.Body!);
            var answered = sent.Select(item => item.Value<string>("request_id")!).Select(id => new JObject
            {
                ["id"] = 1000 + int.Parse(id.StartsWith("mine-", StringComparison.Ordinal) ? id[5..] : id, CultureInfo.InvariantCulture),
                ["request_id"] = id,
            }).Reverse();
            return new JObject { ["_embedded"] = new JObject { ["leads"] = new JArray(answered) } }.ToString();
        });
}
