using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// <c>crm.duplicate.findbycomm</c>: leads, contacts and companies with any of up to 20 phones or e-mails, answered as
/// <c>{"LEAD":[ids],…}</c> per type found or <c>[]</c> when none; phones compared by their digits (a leading 8 of an
/// 11-digit number read as 7), e-mails without regard to case.
/// </summary>
public sealed class DuplicateFindTests : SandboxTest
{
    [Theory]
    [InlineData("+79171234578")]
    [InlineData("89171234578")]
    [InlineData("8 (917) 123-45-78")]
    [InlineData("+7-917-123-45-78")]
    public async Task FindByComm_PhoneInAnotherFormat_FindsTheLead(string asked)
    {
        var id = await AddAsync("lead", "TITLE", "PHONE", "+7 (917) 123-45-78");
        await AddAsync("lead", "TITLE", "PHONE", "+7 (917) 000-00-00");

        var found = (await FindAsync("PHONE", [asked], "LEAD")).Ok();

        Assert.Equal([id], found["LEAD"]!.Select(t => t.Value<int>()));
    }

    [Fact]
    public async Task FindByComm_NothingMatches_AnswersAnEmptyArray() // PHP's empty array, not {}
    {
        await AddAsync("lead", "TITLE", "PHONE", "+79171234578");

        var found = (await FindAsync("PHONE", ["+79990000000"], "LEAD")).Ok();

        Assert.Equal(JTokenType.Array, found.Type);
        Assert.Empty(found);
    }

    [Fact]
    public async Task FindByComm_NoEntityType_AnswersLeadsContactsAndCompaniesByType()
    {
        var lead = await AddAsync("lead", "TITLE", "PHONE", "+79171234578");
        var contact = await AddAsync("contact", "NAME", "PHONE", "89171234578");
        var company = await AddAsync("company", "TITLE", "PHONE", "+7 917 123 45 78");

        var found = (JObject)(await FindAsync("PHONE", ["+79171234578"], null)).Ok();

        Assert.Equal(
            [("LEAD", lead), ("CONTACT", contact), ("COMPANY", company)],
            found.Properties().Select(p => (p.Name, p.Value.Single().Value<int>())));
    }

    [Fact]
    public async Task FindByComm_EntityTypeLead_LeavesOutContactsWithThePhone()
    {
        var lead = await AddAsync("lead", "TITLE", "PHONE", "+79171234578");
        await AddAsync("contact", "NAME", "PHONE", "+79171234578");

        var found = (JObject)(await FindAsync("PHONE", ["+79171234578"], "LEAD")).Ok();

        Assert.Equal([("LEAD", lead)], found.Properties().Select(p => (p.Name, p.Value.Single().Value<int>())));
    }

    [Fact]
    public async Task FindByComm_EmailInAnotherCase_FindsTheLead()
    {
        var id = await AddAsync("lead", "TITLE", "EMAIL", "Ivanov@Example.ru");

        var found = (await FindAsync("EMAIL", ["IVANOV@example.RU"], "LEAD")).Ok();

        Assert.Equal([id], found["LEAD"]!.Select(t => t.Value<int>()));
    }

    [Fact]
    public async Task FindByComm_TwentyValues_IsAnswered()
    {
        var id = await AddAsync("lead", "TITLE", "PHONE", "+79170000019");

        var found = (await FindAsync("PHONE", [.. Enumerable.Range(0, 20).Select(i => $"+791700000{i:00}")], "LEAD")).Ok();

        Assert.Equal([id], found["LEAD"]!.Select(t => t.Value<int>()));
    }

    [Fact]
    public async Task FindByComm_TwentyOneValues_IsRefused()
    {
        var reply = await FindAsync("PHONE", [.. Enumerable.Range(0, 21).Select(i => $"+791700000{i:00}")], "LEAD");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("20", reply.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DEAL")]
    [InlineData("LEADS")]
    public async Task FindByComm_EntityTypeNotLeadContactOrCompany_IsRefused(string entityType)
    {
        var reply = await FindAsync("PHONE", ["+79171234578"], entityType);

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("entity_type", reply.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IM")]
    [InlineData("")]
    public async Task FindByComm_TypeNotPhoneOrEmail_IsRefused(string type)
    {
        var reply = await FindAsync(type, ["+79171234578"], "LEAD");

        reply.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("'type'", reply.Description, StringComparison.Ordinal);
    }

    private Task<RestReply> FindAsync(string type, string[] values, string? entityType)
    {
        var parameters = new JObject { ["type"] = type, ["values"] = new JArray(values) };
        if (entityType is not null)
        {
            parameters["entity_type"] = entityType;
        }

        return Rest.WebhookAsync("crm.duplicate.findbycomm", parameters);
    }

    private async Task<int> AddAsync(string entity, string nameField, string commType, string value)
    {
        var fields = new JObject
        {
            [nameField] = $"Клиент {value}",
            [commType] = new JArray(new JObject { ["VALUE"] = value, ["VALUE_TYPE"] = "WORK" }),
        };
        return (await Rest.WebhookAsync($"crm.{entity}.add", new JObject { ["fields"] = fields })).Ok().Value<int>();
    }
}
