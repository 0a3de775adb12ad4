using System.Net;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// The portal pages that frame the app, over real HTTP (bitrix24-rest.md §1.2, widgets/crm/detail-toolbar.md): the
/// app's page and the deal card with its toolbar items.
/// </summary>
public sealed class PortalPageTests : SandboxTest
{
    private static readonly Uri AppHandler = new("https://app.example.com/api/app/page?x=1");
    private const string InvoiceHandler = "https://app.example.com/api/app/placements/invoice-button";

    [Fact]
    public async Task AppPage_AsAManager_PostsATokenOfThatUserIntoTheFrame()
    {
        Sandbox.SetAppHandler(AppHandler);

        var page = await PortalPage.GetAsync(Sandbox.AppPageUrl(userId: 2));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var form = Assert.Single(page.Forms);
        var profile = (await Rest.OAuthAsync(form["AUTH_ID"]!, "profile")).Ok();
        Assert.Equal((2, false), (profile.Value<int>("ID"), profile.Value<bool>("ADMIN")));
        Assert.Equal(("app-frame", "DEFAULT", Sandbox.App.MemberId, Sandbox.App.ApplicationToken), (form.Target, form["PLACEMENT"], form["member_id"], form["APPLICATION_TOKEN"]));
        Assert.True(page.HasFrame);
    }

    [Fact]
    public async Task AppPage_ActionIsTheHandlerWithTheFrameQuery()
    {
        Sandbox.SetAppHandler(AppHandler);

        var form = Assert.Single((await PortalPage.GetAsync(Sandbox.AppPageUrl())).Forms);

        Assert.Equal("/api/app/page", form.Action.AbsolutePath);
        Assert.Equal(("1", Sandbox.BaseUrl.Authority, "0", "ru"), (form.Query("x"), form.Query("DOMAIN"), form.Query("PROTOCOL"), form.Query("LANG")));
        Assert.Equal(32, form.Query("APP_SID")!.Length);
        Assert.Equal(
            ["AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "SERVER_ENDPOINT", "APPLICATION_TOKEN", "APPLICATION_SCOPE", "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS"],
            form.Fields.Select(f => f.Key));
    }

    [Fact]
    public async Task AppPage_HeaderSaysWhoActs()
    {
        Sandbox.SetAppHandler(AppHandler);

        var admin = await PortalPage.GetAsync(Sandbox.AppPageUrl(1));
        var manager = await PortalPage.GetAsync(Sandbox.AppPageUrl(3));

        Assert.Equal(("Администратор Портала", "администратор"), (admin.TextOf("portal-user"), admin.TextOf("portal-role")));
        Assert.Equal(("Борис Менеджер", "сотрудник"), (manager.TextOf("portal-user"), manager.TextOf("portal-role")));
    }

    [Fact]
    public async Task AppPage_NoHandlerSet_Is404SayingSo()
    {
        var page = await PortalPage.GetAsync(Sandbox.AppPageUrl());

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("SetAppHandler", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppPage_AppUninstalled_Is409()
    {
        await using var app = await AppReceiver.StartAsync();
        Sandbox.SetAppHandler(AppHandler);
        await Sandbox.UninstallAppAsync(app.Url, clean: false);

        var page = await PortalPage.GetAsync(Sandbox.AppPageUrl());

        Assert.Equal(HttpStatusCode.Conflict, page.Status);
    }

    [Fact]
    public async Task DealCard_ShowsTheDealAndAButtonPerToolbarHandler()
    {
        var dealId = await Rest.AddDealAsync("Кузов Газель", "\"OPPORTUNITY\":150000");
        await BindAsync("CRM_DEAL_DETAIL_TOOLBAR", InvoiceHandler, "Выставить счет");
        await BindAsync("CRM_DEAL_DETAIL_TAB", "https://app.example.com/tab", "Вкладка");

        var page = await PortalPage.GetAsync(Sandbox.DealCardUrl(dealId, userId: 2));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(("Кузов Газель", "Общая", "150000"), (page.TextOf("deal-title"), page.TextOf("deal-pipeline"), page.TextOf("deal-amount").Split(' ')[0]));
        Assert.False(string.IsNullOrWhiteSpace(page.TextOf("deal-stage")));
        var button = Assert.Single(page.Buttons);
        Assert.Equal((InvoiceHandler, "Выставить счет"), (button.Handler, button.Text));
    }

    [Fact]
    public async Task DealCard_ButtonsForm_PostsThePlacementWithTheDealIdAndAManagersToken()
    {
        var dealId = await Rest.AddDealAsync("Кузов");
        await BindAsync("CRM_DEAL_DETAIL_TOOLBAR", InvoiceHandler, "Выставить счет");

        var page = await PortalPage.GetAsync(Sandbox.DealCardUrl(dealId, userId: 4));

        var form = page.Forms.Single(f => f.Id == page.Buttons.Single().Form);
        Assert.Equal(InvoiceHandler, form.Action.GetLeftPart(UriPartial.Path));
        Assert.Equal("CRM_DEAL_DETAIL_TOOLBAR", form["PLACEMENT"]);
        Assert.Equal(dealId.ToString(System.Globalization.CultureInfo.InvariantCulture), JObject.Parse(form["PLACEMENT_OPTIONS"]!).Value<string>("ID"));
        Assert.Equal(4, (await Rest.OAuthAsync(form["AUTH_ID"]!, "profile")).Ok().Value<int>("ID"));
    }

    [Fact]
    public async Task DealCard_TitleFollowsThePortalLanguage()
    {
        var dealId = await Rest.AddDealAsync("Кузов");
        (await AppAsync("placement.bind", new JObject
        {
            ["PLACEMENT"] = "CRM_DEAL_DETAIL_TOOLBAR",
            ["HANDLER"] = InvoiceHandler,
            ["TITLE"] = "Issue an invoice",
            ["LANG_ALL"] = new JObject { ["ru"] = new JObject { ["TITLE"] = "Выставить счет" }, ["en"] = new JObject { ["TITLE"] = "Issue an invoice" } },
        })).Ok();

        var page = await PortalPage.GetAsync(Sandbox.DealCardUrl(dealId));

        Assert.Equal("Выставить счет", page.Buttons.Single().Text);
    }

    [Fact]
    public async Task DealCard_NothingBound_HasNoButtons()
    {
        var dealId = await Rest.AddDealAsync("Кузов");

        var page = await PortalPage.GetAsync(Sandbox.DealCardUrl(dealId));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Buttons);
    }

    [Fact]
    public async Task DealCard_UnknownDeal_Is404()
    {
        var page = await PortalPage.GetAsync(Sandbox.DealCardUrl(4242));

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
    }

    [Fact]
    public async Task FramePost_SentToTheApp_ArrivesAsThePageWouldSendIt()
    {
        await using var app = await AppReceiver.StartAsync();
        var dealId = await Rest.AddDealAsync("Кузов");
        var post = Sandbox.FramePost(2, "CRM_DEAL_DETAIL_TOOLBAR", Bitrix24Sandbox.DealPlacementOptions(dealId), app.Url);

        using var http = new HttpClient();
        using var content = post.ToContent();
        (await http.PostAsync(post.Action, content)).EnsureSuccessStatusCode();

        var received = Assert.Single(app.Received);
        Assert.Equal((post.Tokens.AccessToken, "CRM_DEAL_DETAIL_TOOLBAR", Sandbox.BaseUrl.Authority), (received["AUTH_ID"], received["PLACEMENT"], received.QueryValue("DOMAIN")));
        Assert.Equal(dealId.ToString(System.Globalization.CultureInfo.InvariantCulture), JObject.Parse(received["PLACEMENT_OPTIONS"]!).Value<string>("ID"));
    }

    [Fact]
    public async Task FramePost_AfterTheTokensExpire_CarriesAnExpiredToken()
    {
        Sandbox.SetAppHandler(AppHandler);
        var post = Sandbox.FramePost(2);

        Sandbox.ExpireAccessTokens();

        (await Rest.OAuthAsync(post.Field("AUTH_ID")!, "profile")).Fails(HttpStatusCode.Unauthorized, "expired_token");
    }

    [Fact]
    public void FramePost_WithField_ReplacesOnlyThatField()
    {
        Sandbox.SetAppHandler(AppHandler);
        var post = Sandbox.FramePost(1);

        var forged = post.WithField("APPLICATION_TOKEN", "forged");

        Assert.Equal(("forged", post.Field("AUTH_ID")), (forged.Field("APPLICATION_TOKEN"), forged.Field("AUTH_ID")));
        Assert.Equal(post.Body.Select(p => p.Key), forged.Body.Select(p => p.Key));
    }

    [Fact]
    public void FramePost_NoHandlerForThePlacement_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Sandbox.FramePost(1, "CRM_DEAL_DETAIL_TOOLBAR"));
    }

    private async Task BindAsync(string placement, string handler, string title) =>
        (await AppAsync("placement.bind", new JObject { ["PLACEMENT"] = placement, ["HANDLER"] = handler, ["TITLE"] = title })).Ok();

    private Task<RestReply> AppAsync(string method, JObject parameters) =>
        Rest.OAuthAsync(Sandbox.IssueTokens().AccessToken, method, parameters.ToString());
}
