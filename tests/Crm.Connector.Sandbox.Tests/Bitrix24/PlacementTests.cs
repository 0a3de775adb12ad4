using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>placement.bind|unbind|get|list (api-reference/widgets/placement-*.md).</summary>
public sealed class PlacementTests : SandboxTest
{
    private const string Button = """
        {"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"https://app.example.com/api/app/placements/invoice-button","TITLE":"Выставить счет",
         "LANG_ALL":{"ru":{"TITLE":"Выставить счет","DESCRIPTION":"Полная сумма или предоплата"},"en":{"TITLE":"Issue an invoice","DESCRIPTION":"Full or half"}}}
        """;

    [Fact]
    public async Task Bind_ThenGet_ShowsTheHandlerWithItsTitles()
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();

        var handlers = (await AppAsync(1, "placement.get")).Ok();

        var only = Assert.Single(handlers);
        Assert.Equal(
            ("CRM_DEAL_DETAIL_TOOLBAR", "https://app.example.com/api/app/placements/invoice-button", "Выставить счет", "Issue an invoice", 0),
            (only.Value<string>("placement"), only.Value<string>("handler"), only.Value<string>("title"), only["langAll"]!["en"]!.Value<string>("TITLE"), only.Value<int>("userId")));
        Assert.Equal(JTokenType.Array, only["options"]!.Type); // detail-toolbar.md: this placement keeps no OPTIONS
    }

    [Fact]
    public async Task Bind_SameHandlerTwice_IsAlreadyBinded()
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();

        var again = await AppAsync(1, "placement.bind", Button);

        again.Fails(HttpStatusCode.BadRequest, "ERROR_CORE");
        Assert.Contains("already binded", again.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bind_SamePlacementOtherHandler_AddsASecondItem()
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();

        (await AppAsync(1, "placement.bind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"https://app.example.com/other","TITLE":"Другое"}""")).Ok();

        Assert.Equal(2, (await AppAsync(1, "placement.get")).Ok().Count());
    }

    [Theory]
    [InlineData("""{"PLACEMENT":"DEFAULT","HANDLER":"https://a.example/h"}""", "ERROR_PLACEMENT_NOT_FOUND")]
    [InlineData("""{"PLACEMENT":"CRM_DEAL_NOWHERE","HANDLER":"https://a.example/h"}""", "ERROR_PLACEMENT_NOT_FOUND")]
    [InlineData("""{"HANDLER":"https://a.example/h"}""", "ERROR_ARGUMENT")]
    [InlineData("""{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR"}""", "ERROR_ARGUMENT")]
    [InlineData("""{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"ftp://a.example/h"}""", "ERROR_WRONG_HANDLER_URL")]
    [InlineData("""{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"https://a.example/h","USER_ID":2}""", "ERROR_PLACEMENT_USER_MODE")]
    public async Task Bind_Invalid_IsRefusedWithTheDocumentedCode(string parameters, string code)
    {
        var reply = await AppAsync(1, "placement.bind", parameters);

        reply.Fails(HttpStatusCode.BadRequest, code);
        Assert.Empty(Sandbox.State()["placements"]!);
    }

    [Fact]
    public async Task Bind_ByANonAdmin_IsAccessDenied()
    {
        var reply = await AppAsync(2, "placement.bind", Button);

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task Unbind_ByANonAdmin_IsAccessDenied()
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();

        var reply = await AppAsync(3, "placement.unbind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR"}""");

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        Assert.Single(Sandbox.State()["placements"]!);
    }

    [Fact]
    public async Task Bind_ThroughAWebhook_NeedsApplicationContext() // bitrix24-rest.md §3
    {
        var reply = await Rest.WebhookAsync("placement.bind", Button);

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public async Task Unbind_OneHandler_CountsTwoAndLeavesTheOther() // placement-unbind.md: +1 found, +1 removed
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();
        (await AppAsync(1, "placement.bind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"https://app.example.com/other","TITLE":"Другое"}""")).Ok();

        var result = (await AppAsync(1, "placement.unbind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"https://app.example.com/other"}""")).Ok();

        Assert.Equal(2, result.Value<int>("count"));
        Assert.Equal(["https://app.example.com/api/app/placements/invoice-button"], (await AppAsync(1, "placement.get")).Ok().Select(h => h.Value<string>("handler")));
    }

    [Fact]
    public async Task Unbind_WithoutHandler_RemovesEveryHandlerOfThePlacement()
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();
        (await AppAsync(1, "placement.bind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR","HANDLER":"https://app.example.com/other","TITLE":"Другое"}""")).Ok();
        (await AppAsync(1, "placement.bind", """{"PLACEMENT":"CRM_LEAD_DETAIL_TOOLBAR","HANDLER":"https://app.example.com/lead","TITLE":"Лид"}""")).Ok();

        var result = (await AppAsync(1, "placement.unbind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR"}""")).Ok();

        Assert.Equal(4, result.Value<int>("count"));
        Assert.Equal(["CRM_LEAD_DETAIL_TOOLBAR"], (await AppAsync(1, "placement.get")).Ok().Select(h => h.Value<string>("placement")));
    }

    [Fact]
    public async Task Unbind_NothingBound_CountsZero()
    {
        var result = (await AppAsync(1, "placement.unbind", """{"PLACEMENT":"CRM_DEAL_DETAIL_TOOLBAR"}""")).Ok();

        Assert.Equal(0, result.Value<int>("count"));
    }

    [Fact]
    public async Task List_GivesBindableCodes_NotDefault()
    {
        var codes = (await AppAsync(2, "placement.list")).Ok().Values<string>().ToList();

        Assert.Contains("CRM_DEAL_DETAIL_TOOLBAR", codes);
        Assert.Contains("CRM_DEAL_DETAIL_TAB", codes);
        Assert.Contains("CRM_DEAL_LIST_MENU", codes);
        Assert.DoesNotContain("DEFAULT", codes);
    }

    [Fact]
    public async Task Bind_ShowsInTheState()
    {
        (await AppAsync(1, "placement.bind", Button)).Ok();

        var state = Assert.Single(Sandbox.State()["placements"]!);

        Assert.Equal(("CRM_DEAL_DETAIL_TOOLBAR", "Выставить счет"), (state.Value<string>("placement"), state.Value<string>("title")));
        Assert.True(state.Value<int>("id") > 0);
    }

    [Fact]
    public async Task Uninstall_RemovesTheAppsPlacements() // bitrix24-rest.md §1.5: widget handlers go with the app
    {
        await using var app = await AppReceiver.StartAsync();
        (await AppAsync(1, "placement.bind", Button)).Ok();

        await Sandbox.UninstallAppAsync(app.Url, clean: false);

        Assert.Empty(Sandbox.State()["placements"]!);
    }

    [Fact]
    public async Task Update_KeepsTheAppsPlacements() // UNCONFIRMED: an update keeps widgets
    {
        await using var app = await AppReceiver.StartAsync();
        (await AppAsync(1, "placement.bind", Button)).Ok();

        await Sandbox.UpdateAppAsync(app.Url, "2");

        Assert.Single(Sandbox.State()["placements"]!);
    }

    private Task<RestReply> AppAsync(int userId, string method, string json = "{}") =>
        Rest.OAuthAsync(Sandbox.IssueTokens(userId).AccessToken, method, json);
}
