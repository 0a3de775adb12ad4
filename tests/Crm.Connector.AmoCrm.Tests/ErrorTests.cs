using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>Error answers as the typed errors the caller acts on (amocrm-api.md §9, §12.4).</summary>
public sealed class ErrorTests : IDisposable
{
    private const string Leads = "/api/v4/leads";

    private readonly StubAccount _stub = new();

    public void Dispose() => _stub.Dispose();

    [Fact]
    public async Task AddAsync_ValidationErrors_NameTheEntityByRequestIdAndPositionAndTheFieldPath()
    {
        _stub.On("POST", Leads, StubAccount.Problem(400, "Request validation failed", """
            ,"validation-errors":[
              {"request_id":"tpl-x","errors":[{"code":"NotSupportedChoice","path":"custom_fields_values.0.field_id","detail":"The value you have selected is not a valid choice."}]},
              {"request_id":"2","errors":[{"code":"InvalidType","path":"price","detail":"This value should be of type int."}]}]
            """));
        using var client = _stub.LongLived();

        var error = await Assert.ThrowsAsync<AmoCrmValidationException>(() => client.Leads.AddAsync(
            [new AmoLeadAdd { Name = "a" }, new AmoLeadAdd { Name = "b", RequestId = "tpl-x" }, new AmoLeadAdd { Name = "c" }]));

        Assert.Equal(
            [new AmoValidationError("tpl-x", 1, "NotSupportedChoice", "custom_fields_values.0.field_id", "The value you have selected is not a valid choice."), new AmoValidationError("2", 2, "InvalidType", "price", "This value should be of type int.")],
            error.Errors);
        Assert.Contains("lead #1 (request_id tpl-x): custom_fields_values.0.field_id NotSupportedChoice", error.Message, StringComparison.Ordinal);
        Assert.Contains("lead #2 (request_id 2): price InvalidType", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_204NoContent_IsAnEmptyList()
    {
        _stub.On("GET", Leads, WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));
        using var client = _stub.LongLived();

        var leads = await client.Leads.ListAsync(new AmoListFilter { Ids = [1, 2] });

        Assert.Empty(leads);
        Assert.Equal(1, _stub.Count(Leads));
    }

    [Fact]
    public async Task GetAsync_404_IsNull()
    {
        _stub.On("GET", Leads + "/9", StubAccount.Problem(404, "Not Found"));
        using var client = _stub.LongLived();

        Assert.Null(await client.Leads.GetAsync(9));
    }

    [Fact]
    public async Task UpdateAsync_422_KeepsTheDetail()
    {
        _stub.On("PATCH", "/api/v4/leads/pipelines/5", StubAccount.Problem(422, "Limit 250 per page"));
        using var client = _stub.LongLived();

        var error = await Assert.ThrowsAsync<AmoCrmException>(() => client.Pipelines.UpdateAsync(5, new AmoPipelinePatch { Name = "x" }));

        Assert.Equal("Limit 250 per page", error.Detail);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, error.Status);
    }
}
