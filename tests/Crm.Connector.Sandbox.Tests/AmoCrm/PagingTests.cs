using System.Net;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §6.1: paging and batch limits.</summary>
public sealed class PagingTests : AmoTest
{
    [Fact]
    public async Task EmptyList_Is204WithAnEmptyBody()
    {
        var reply = await Api.GetAsync("/api/v4/leads/loss_reasons");

        Assert.Equal(HttpStatusCode.NoContent, reply.Status);
        Assert.Equal("", reply.Text);
    }

    [Fact]
    public async Task Limit251_Is422LimitPerPage()
    {
        var reply = await Api.GetAsync("/api/v4/users?limit=251");

        Assert.Equal("Limit 250 per page", reply.Expect(HttpStatusCode.UnprocessableEntity).Value<string>("detail"));
    }

    [Fact]
    public async Task WriteOf251Items_Is422()
    {
        var items = string.Join(",", Enumerable.Repeat("""{"name":"R"}""", 251));

        var reply = await Api.PostAsync("/api/v4/leads/loss_reasons", $"[{items}]");

        reply.Expect(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.GetAsync("/api/v4/leads/loss_reasons")).Status);
    }

    [Fact]
    public async Task LossReasons_CreateListAndDelete()
    {
        var created = (await Api.PostAsync("/api/v4/leads/loss_reasons", """[{"name":"Дорого","sort":1},{"name":"Пропал","sort":2}]""")).Expect(HttpStatusCode.OK);
        var id = created["_embedded"]!["loss_reasons"]![0]!.Value<long>("id");

        (await Api.DeleteAsync($"/api/v4/leads/loss_reasons/{id}")).Expect(HttpStatusCode.NoContent);
        var list = (await Api.GetAsync("/api/v4/leads/loss_reasons")).Expect(HttpStatusCode.OK);

        Assert.Equal(["Пропал"], list["_embedded"]!["loss_reasons"]!.Select(r => r.Value<string>("name")));
    }

    [Fact]
    public async Task Users_AdminThreeManagersInSalesAndOneInactive()
    {
        var users = (await Api.GetAsync("/api/v4/users?with=role,group")).Expect(HttpStatusCode.OK)["_embedded"]!["users"]!;
        var account = (await Api.GetAsync("/api/v4/account?with=users_groups,task_types")).Expect(HttpStatusCode.OK);
        var sales = account["_embedded"]!["users_groups"]!.Single(g => g.Value<string>("name") == "Отдел продаж").Value<long>("id");

        Assert.Equal(5, users.Count());
        Assert.Single(users, u => u["rights"]!.Value<bool>("is_admin"));
        Assert.Equal(3, users.Count(u => u["rights"]!.Value<bool>("is_active") && u["rights"]!.Value<long>("group_id") == sales && !u["rights"]!.Value<bool>("is_admin")));
        Assert.Single(users, u => !u["rights"]!.Value<bool>("is_active"));
        Assert.Equal(Sandbox.AccountId, account.Value<long>("id"));
        Assert.Equal([1L, 2L], account["_embedded"]!["task_types"]!.Select(t => t.Value<long>("id")));
    }

    [Fact]
    public async Task Roles_RightsLetterOutsideAGMD_IsRefused()
    {
        var bad = await Api.PostAsync("/api/v4/roles", """[{"name":"Менеджер","rights":{"leads":{"view":"X","edit":"M"}}}]""");
        var good = await Api.PostAsync("/api/v4/roles", """[{"name":"Менеджер","rights":{"leads":{"view":"G","edit":"M","add":"A","delete":"D","export":"D"}}}]""");

        Assert.Contains(("NotSupportedChoice", "rights.leads.view"), bad.ValidationErrors());
        good.Expect(HttpStatusCode.OK);
    }
}
