using Crm.Connector.AmoCrm.Models;
using WireMock.RequestBuilders;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>Lists read page by page (amocrm-api.md §6.1).</summary>
public sealed class ListTests : IDisposable
{
    private readonly StubAccount _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task ListAsync_LinksNext_FollowsItToTheLastPage()
    {
        var base_ = _stub.Server.Url;
        _stub.Server.Given(Request.Create().WithPath("/api/v4/leads").UsingGet().WithParam("page", "2"))
            .AtPriority(1)
            .RespondWith(StubAccount.Json("""{"_page":2,"_embedded":{"leads":[{"id":3,"name":"c"}]}}"""));
        _stub.Server.Given(Request.Create().WithPath("/api/v4/leads").UsingGet())
            .AtPriority(5)
            .RespondWith(StubAccount.Json("""{"_page":1,"_links":{"next":{"href":"BASE/api/v4/leads?page=2&limit=250"}},"_embedded":{"leads":[{"id":1,"name":"a"},{"id":2,"name":"b"}]}}""".Replace("BASE", base_, StringComparison.Ordinal)));
        using var client = _stub.LongLived();

        var leads = await client.Leads.ListAsync(new AmoListFilter { UpdatedFrom = DateTimeOffset.FromUnixTimeSeconds(1700000000), With = [AmoWith.Contacts, AmoWith.LossReason] });

        Assert.Equal([1L, 2, 3], leads.Select(l => l.Id));
        var first = _stub.Server.LogEntries[0].RequestMessage;
        var url = Uri.UnescapeDataString(first.Url);
        Assert.Contains("limit=250", url, StringComparison.Ordinal);
        Assert.Contains("filter[updated_at][from]=1700000000", url, StringComparison.Ordinal);
        Assert.Contains("with=contacts,loss_reason", url, StringComparison.Ordinal);
        Assert.Equal(2, _stub.Server.LogEntries.Count);
    }

    [Fact]
    public async Task CustomFieldsListAsync_AnyEntity_Asks50APage()
    {
        _stub.On("GET", "/api/v4/contacts/custom_fields", StubAccount.Json("""{"_embedded":{"custom_fields":[{"id":9,"name":"Phone","type":"multitext","code":"PHONE","sort":4,"is_predefined":true,"enums":[{"id":1,"value":"WORK","sort":2}]}]}}"""));
        using var client = _stub.LongLived();

        var field = Assert.Single(await client.CustomFields.ListAsync(AmoEntityType.Contacts));

        Assert.Equal(("PHONE", true, "WORK"), (field.Code, field.IsPredefined, field.Enums![0].Value));
        Assert.Equal("50", _stub.Server.LogEntries.Single().RequestMessage.Query!["limit"].Single());
    }
}
