using System.Globalization;
using System.Net;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The sandbox as the marketplace: installing, updating and uninstalling the app (bitrix24-rest.md §1.2–§1.5).</summary>
public sealed class AppLifecycleTests : SandboxTest
{
    private static readonly string[] CallbackBody =
        ["AUTH_ID", "AUTH_EXPIRES", "REFRESH_ID", "SERVER_ENDPOINT", "APPLICATION_TOKEN", "APPLICATION_SCOPE", "member_id", "status", "PLACEMENT", "PLACEMENT_OPTIONS"];

    private static readonly string[] AuthWithTokens =
        ["auth[domain]", "auth[scope]", "auth[access_token]", "auth[refresh_token]", "auth[expires_in]", "auth[server_endpoint]", "auth[status]", "auth[client_endpoint]", "auth[member_id]", "auth[application_token]"];

    private const string Robot = """{"CODE":"crmc.check","HANDLER":"https://app.example.com/robots/check","NAME":"Проверка"}""";

    [Fact]
    public async Task Install_Default_PostsTheCallbackFormThenOnAppInstall() // §1.2, §1.3
    {
        await using var app = await AppReceiver.StartAsync();
        var installUrl = new Uri(app.Url, "api/bitrix24/install");

        var result = await Sandbox.InstallAppAsync(installUrl, new SandboxInstallOptions { Version = "3", Language = "de", Status = "F" });

        Assert.True(result.Succeeded);
        Assert.Equal([SandboxInstallPost.Callback, "ONAPPINSTALL"], result.Posts.Select(p => p.Name));
        Assert.Equal([SandboxInstallPost.Callback, "ONAPPINSTALL"], app.Received.Select(r => r["event"] ?? SandboxInstallPost.Callback));
        var (callback, installed) = (app.Received[0], app.Received[1]);
        var tokens = result.Tokens!;

        // §1.2: query DOMAIN, PROTOCOL, LANG, APP_SID; the rest in the body.
        Assert.Equal("/api/bitrix24/install", callback.Path);
        Assert.StartsWith("application/x-www-form-urlencoded", callback.Hook.ContentType, StringComparison.Ordinal);
        Assert.Equal(["DOMAIN", "PROTOCOL", "LANG", "APP_SID"], callback.QueryFields.Select(f => f.Key));
        Assert.Equal((Sandbox.BaseUrl.Authority, "0", "de"), (callback.QueryValue("DOMAIN"), callback.QueryValue("PROTOCOL"), callback.QueryValue("LANG")));
        Assert.Equal(32, callback.QueryValue("APP_SID")!.Length);
        Assert.NotEqual(Sandbox.App.ApplicationToken, callback.QueryValue("APP_SID"));
        Assert.Equal(CallbackBody, callback.Hook.Form.Select(f => f.Key));
        Assert.Equal((tokens.AccessToken, "3600", tokens.RefreshToken), (callback["AUTH_ID"], callback["AUTH_EXPIRES"], callback["REFRESH_ID"]));
        Assert.Equal(new Uri(Sandbox.BaseUrl, "rest/").AbsoluteUri, callback["SERVER_ENDPOINT"]);
        Assert.Equal((Sandbox.App.ApplicationToken, Sandbox.App.MemberId, "F"), (callback["APPLICATION_TOKEN"], callback["member_id"], callback["status"]));
        Assert.Contains("crm", callback["APPLICATION_SCOPE"]!.Split(','));
        Assert.Equal(("DEFAULT", "{}"), (callback["PLACEMENT"], callback["PLACEMENT_OPTIONS"]));

        // §1.3: the event, its data and the auth block with the same pair.
        Assert.Equal("/api/bitrix24/install", installed.Path);
        Assert.Empty(installed.QueryFields);
        Assert.Equal(["event", "data[VERSION]", "data[ACTIVE]", "data[INSTALLED]", "data[LANGUAGE_ID]", "ts", .. AuthWithTokens], installed.Hook.Form.Select(f => f.Key));
        Assert.Equal(("3", "Y", "Y", "de"), (installed["data[VERSION]"], installed["data[ACTIVE]"], installed["data[INSTALLED]"], installed["data[LANGUAGE_ID]"]));
        Assert.Equal((tokens.AccessToken, tokens.RefreshToken, "3600"), (installed["auth[access_token]"], installed["auth[refresh_token]"], installed["auth[expires_in]"]));
        Assert.Equal((Sandbox.BaseUrl.Authority, Sandbox.ClientEndpoint.AbsoluteUri, callback["SERVER_ENDPOINT"]), (installed["auth[domain]"], installed["auth[client_endpoint]"], installed["auth[server_endpoint]"]));
        Assert.Equal((Sandbox.App.MemberId, Sandbox.App.ApplicationToken, "F"), (installed["auth[member_id]"], installed["auth[application_token]"], installed["auth[status]"]));
        Assert.True(long.Parse(installed["ts"]!, CultureInfo.InvariantCulture) > 0);

        // The pair is the admin's and works; app.info reports what was installed.
        Assert.Equal(1, tokens.UserId);
        var info = (await Rest.OAuthAsync(tokens.AccessToken, "app.info")).Ok();
        Assert.Equal((3, "F", "de", true), (info.Value<int>("VERSION"), info.Value<string>("STATUS"), info.Value<string>("LANGUAGE_ID"), info.Value<bool>("INSTALLED")));
        Assert.Equal((Sandbox.App.ApplicationToken, Sandbox.App.MemberId, "3"), (result.ApplicationToken, result.MemberId, result.Version));
    }

    [Theory]
    [InlineData(SandboxInstallOrder.CallbackThenEvent, "callback,ONAPPINSTALL")]
    [InlineData(SandboxInstallOrder.EventThenCallback, "ONAPPINSTALL,callback")]
    [InlineData(SandboxInstallOrder.CallbackOnly, "callback")]
    [InlineData(SandboxInstallOrder.EventOnly, "ONAPPINSTALL")]
    public async Task Install_Order_SendsThoseMessagesInThatOrder(SandboxInstallOrder order, string expected) // §1.3: the event may come late, or alone
    {
        await using var app = await AppReceiver.StartAsync();

        var result = await Sandbox.InstallAppAsync(app.Url, new SandboxInstallOptions { Order = order });

        Assert.Equal(expected.Split(','), result.Posts.Select(p => p.Name));
        Assert.Equal(expected.Split(','), app.Received.Select(r => r["event"] ?? SandboxInstallPost.Callback));
        Assert.All(app.Received, r => Assert.Equal(result.Tokens!.AccessToken, r["AUTH_ID"] ?? r["auth[access_token]"]));
    }

    [Fact]
    public async Task Install_AppAnswersAnError_IsReportedNotThrown()
    {
        await using var app = await AppReceiver.StartAsync();
        app.StatusCode = 500;
        app.ResponseBody = "{\"error\":\"storage down\"}";

        var result = await Sandbox.InstallAppAsync(app.Url);

        Assert.False(result.Succeeded);
        Assert.All(result.Posts, p => Assert.Equal((500, "{\"error\":\"storage down\"}", null), (p.StatusCode, p.Body, p.Error)));
    }

    [Fact]
    public async Task Install_AppIsDown_ReportsStatusZeroWithTheReason()
    {
        var down = new Uri($"http://127.0.0.1:{FreePort.Next()}/api/bitrix24/install");

        var result = await Sandbox.InstallAppAsync(down);

        Assert.False(result.Succeeded);
        Assert.Equal(2, result.Posts.Count);
        Assert.All(result.Posts, p => Assert.Equal(0, p.StatusCode));
        Assert.All(result.Posts, p => Assert.False(string.IsNullOrEmpty(p.Error)));
        Assert.Equal(1, result.Tokens!.UserId);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/install", "P")]
    [InlineData("http://127.0.0.1/install", "X")]
    public async Task Install_BadUrlOrStatus_Throws(string url, string status)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Sandbox.InstallAppAsync(new Uri(url), new SandboxInstallOptions { Status = status }));
    }

    [Fact]
    public async Task Update_RotatesTheApplicationTokenAndRemovesHandlersAndRobots() // §1.4, §4.1, §5.2
    {
        await using var app = await AppReceiver.StartAsync();
        var installed = await Sandbox.InstallAppAsync(app.Url, new SandboxInstallOptions { Version = "1", Language = "en" });
        var token = installed.Tokens!.AccessToken;
        (await Rest.OAuthAsync(token, "event.bind", """{"event":"ONCRMDEALUPDATE","handler":"http://127.0.0.1:9/events"}""")).Ok();
        (await Rest.OAuthAsync(token, "event.bind", """{"event":"ONCRMDEALADD","event_type":"offline"}""")).Ok();
        (await Rest.OAuthAsync(token, "bizproc.robot.add", Robot)).Ok();

        var updated = await Sandbox.UpdateAppAsync(app.Url, "2");

        var post = app.Received[^1];
        Assert.True(updated.Succeeded);
        Assert.Equal(["event", "data[VERSION]", "data[PREVIOUS_VERSION]", "data[LANGUAGE_ID]", "ts", .. AuthWithTokens], post.Hook.Form.Select(f => f.Key));
        Assert.Equal(("ONAPPUPDATE", "2", "1", "en"), (post["event"], post["data[VERSION]"], post["data[PREVIOUS_VERSION]"], post["data[LANGUAGE_ID]"]));
        Assert.NotEqual(installed.ApplicationToken, post["auth[application_token]"]);
        Assert.Equal((Sandbox.App.ApplicationToken, updated.ApplicationToken), (post["auth[application_token]"], post["auth[application_token]"]));
        Assert.Equal((updated.Tokens!.AccessToken, updated.Tokens.RefreshToken), (post["auth[access_token]"], post["auth[refresh_token]"]));
        Assert.Empty((await Rest.OAuthAsync(token, "event.get")).Ok());
        Assert.Empty((await Rest.OAuthAsync(token, "bizproc.robot.list")).Ok());
        Assert.Equal(2, (await Rest.OAuthAsync(token, "app.info")).Ok().Value<int>("VERSION"));
        Assert.Equal("2", Sandbox.App.Version);
    }

    [Fact]
    public async Task Update_HandlersTheAppRegistersWhileHandlingIt_Stay() // §4.1: "set them from scratch in the installer of each version"
    {
        await using var app = await AppReceiver.StartAsync();
        await Sandbox.InstallAppAsync(app.Url);
        app.OnRequest = async request =>
        {
            if (request["event"] == "ONAPPUPDATE")
            {
                var token = request["auth[access_token]"]!;
                (await Rest.OAuthAsync(token, "event.bind", new JObject { ["event"] = "ONCRMDEALUPDATE", ["handler"] = new Uri(app.Url, "events").AbsoluteUri }.ToString())).Ok();
                (await Rest.OAuthAsync(token, "bizproc.robot.add", Robot)).Ok();
            }
        };

        var updated = await Sandbox.UpdateAppAsync(app.Url, "2");

        var bound = (await Rest.OAuthAsync(updated.Tokens!.AccessToken, "event.get")).Ok();
        var robots = (await Rest.OAuthAsync(updated.Tokens.AccessToken, "bizproc.robot.list")).Ok();
        Assert.Equal(["ONCRMDEALUPDATE"], bound.Select(b => b.Value<string>("event")));
        Assert.Equal(["crmc.check"], robots.Values<string>());
    }

    [Fact]
    public async Task EventsAndRobotCalls_AfterAnUpdate_CarryTheNewApplicationToken() // §1.4, §4.3, §5.3
    {
        await using var app = await AppReceiver.StartAsync();
        await using var handler = await HookReceiver.StartAsync();
        var old = (await Sandbox.InstallAppAsync(app.Url)).ApplicationToken;
        var updated = await Sandbox.UpdateAppAsync(app.Url, "2");
        var token = updated.Tokens!.AccessToken;
        (await Rest.OAuthAsync(token, "event.bind", new JObject { ["event"] = "ONCRMDEALADD", ["handler"] = new Uri(handler.Url, "events").AbsoluteUri }.ToString())).Ok();
        (await Rest.OAuthAsync(token, "bizproc.robot.add", new JObject { ["CODE"] = "crmc.check", ["HANDLER"] = new Uri(handler.Url, "robots").AbsoluteUri, ["NAME"] = "x" }.ToString())).Ok();

        var deal = await Rest.AddDealAsync("После обновления");
        var eventToken = await Sandbox.RunRobotAsync("crmc.check", $"DEAL_{deal}");
        var delivered = await handler.WaitForAsync(r => r.Path == "/events");
        var robotCall = await handler.WaitForAsync(r => r.Path == "/robots");

        Assert.NotEqual(old, updated.ApplicationToken);
        Assert.Equal(updated.ApplicationToken, delivered["auth[application_token]"]);
        Assert.Equal(updated.ApplicationToken, robotCall["auth[application_token]"]);
        Assert.Equal(eventToken, robotCall["event_token"]);
    }

    [Fact]
    public async Task Uninstall_PostsOnAppUninstallWithoutTokensAndRevokesThem() // §1.5, §2.3, §12.4
    {
        await using var app = await AppReceiver.StartAsync();
        var installed = await Sandbox.InstallAppAsync(app.Url, new SandboxInstallOptions { Language = "en" });
        var tokens = installed.Tokens!;
        var other = Sandbox.IssueTokens(2);
        (await Rest.OAuthAsync(tokens.AccessToken, "event.bind", """{"event":"ONCRMDEALUPDATE","handler":"http://127.0.0.1:9/events"}""")).Ok();
        (await Rest.OAuthAsync(tokens.AccessToken, "event.bind", """{"event":"ONCRMDEALADD","event_type":"offline"}""")).Ok();
        (await Rest.OAuthAsync(tokens.AccessToken, "bizproc.robot.add", Robot)).Ok();
        await Rest.AddDealAsync("В очереди");

        var result = await Sandbox.UninstallAppAsync(app.Url, clean: true);

        var post = app.Received[^1];
        Assert.True(result.Succeeded);
        Assert.Null(result.Tokens);
        Assert.Equal(
            ["event", "data[LANGUAGE_ID]", "data[CLEAN]", "ts", "auth[domain]", "auth[server_endpoint]", "auth[client_endpoint]", "auth[member_id]", "auth[application_token]"],
            post.Hook.Form.Select(f => f.Key));
        Assert.Equal(("ONAPPUNINSTALL", "en", "1"), (post["event"], post["data[LANGUAGE_ID]"], post["data[CLEAN]"]));
        Assert.Equal((installed.ApplicationToken, Sandbox.App.MemberId), (post["auth[application_token]"], post["auth[member_id]"]));

        // API access is revoked: REST with the app's tokens fails, refreshing fails, no new tokens are issued.
        (await Rest.OAuthAsync(tokens.AccessToken, "profile")).Fails(HttpStatusCode.Unauthorized, "invalid_token");
        (await Rest.OAuthAsync(other.AccessToken, "crm.deal.list")).Fails(HttpStatusCode.Unauthorized, "invalid_token");
        (await Rest.GetAsync(Refresh(tokens.RefreshToken))).Fails(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Throws<InvalidOperationException>(() => Sandbox.IssueTokens());
        Assert.False(Sandbox.App.Installed);
        var state = Sandbox.State();
        Assert.Empty(state["eventHandlers"]!);
        Assert.Empty(state["robots"]!);
        Assert.Empty(state["offlineEvents"]!);
        Assert.False(state["portal"]!["app"]!.Value<bool>("installed"));

        // Webhooks are not the app: they keep working.
        (await Rest.WebhookAsync("crm.deal.list")).Ok();
    }

    [Fact]
    public async Task Uninstall_KeepDataUnticked_SendsCleanZero() // §1.5: CLEAN = "Delete application settings and data"
    {
        await using var app = await AppReceiver.StartAsync();
        await Sandbox.InstallAppAsync(app.Url);

        await Sandbox.UninstallAppAsync(app.Url, clean: false);

        Assert.Equal("0", app.Received[^1]["data[CLEAN]"]);
    }

    [Fact]
    public async Task Reinstall_AfterAnUninstall_GivesANewApplicationTokenAndWorkingTokens() // §1.3, §1.5
    {
        await using var app = await AppReceiver.StartAsync();
        var first = await Sandbox.InstallAppAsync(app.Url);
        await Sandbox.UninstallAppAsync(app.Url, clean: false);

        var again = await Sandbox.InstallAppAsync(app.Url, new SandboxInstallOptions { Order = SandboxInstallOrder.EventOnly });

        Assert.NotEqual(first.ApplicationToken, again.ApplicationToken);
        Assert.Equal(again.ApplicationToken, app.Received[^1]["auth[application_token]"]);
        Assert.True((await Rest.OAuthAsync(again.Tokens!.AccessToken, "app.info")).Ok().Value<bool>("INSTALLED"));
        Assert.True(Sandbox.App.Installed);
    }

    [Fact]
    public async Task UpdateOrUninstall_BoundHandlers_GetTheEventTooWithTheirHandlerId() // §1.4 sample carries event_handler_id; decision in AppLifecycle
    {
        await using var app = await AppReceiver.StartAsync();
        var installed = await Sandbox.InstallAppAsync(new Uri(app.Url, "install"));
        (await Rest.OAuthAsync(installed.Tokens!.AccessToken, "event.bind", new JObject { ["event"] = "ONAPPUNINSTALL", ["handler"] = new Uri(app.Url, "events").AbsoluteUri }.ToString())).Ok();
        (await Rest.OAuthAsync(installed.Tokens.AccessToken, "event.bind", new JObject { ["event"] = "ONAPPUNINSTALL", ["handler"] = new Uri(app.Url, "install").AbsoluteUri }.ToString())).Ok();

        var result = await Sandbox.UninstallAppAsync(new Uri(app.Url, "install"), clean: false);

        Assert.Equal(["/install", "/events"], result.Posts.Select(p => p.Url.AbsolutePath));
        var bound = app.Received[^1];
        Assert.Equal(("/events", "ONAPPUNINSTALL"), (bound.Path, bound["event"]));
        Assert.True(int.Parse(bound["event_handler_id"]!, CultureInfo.InvariantCulture) > 0);
        Assert.Null(app.Received[^2]["event_handler_id"]);
    }

    [Fact]
    public async Task UpdateOrUninstall_NotInstalled_Throws()
    {
        await using var app = await AppReceiver.StartAsync();
        await Sandbox.UninstallAppAsync(app.Url, clean: false);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Sandbox.UpdateAppAsync(app.Url, "2"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Sandbox.UninstallAppAsync(app.Url, clean: false));
    }

    [Fact]
    public async Task ControlRoutes_InstallUpdateUninstall_AnswerWithoutTokens() // /_sandbox (not Bitrix24)
    {
        await using var app = await AppReceiver.StartAsync();

        var installed = await Rest.PostJsonAsync(new Uri(Sandbox.BaseUrl, "_sandbox/install-app"), new JObject { ["url"] = app.Url.AbsoluteUri, ["order"] = "event-then-callback", ["version"] = "5" });
        var updated = await Rest.PostJsonAsync(new Uri(Sandbox.BaseUrl, "_sandbox/update-app"), new JObject { ["url"] = app.Url.AbsoluteUri, ["version"] = "6" });
        var removed = await Rest.PostJsonAsync(new Uri(Sandbox.BaseUrl, "_sandbox/uninstall-app"), new JObject { ["url"] = app.Url.AbsoluteUri, ["clean"] = true });
        var bad = await Rest.PostJsonAsync(new Uri(Sandbox.BaseUrl, "_sandbox/update-app"), new JObject { ["url"] = app.Url.AbsoluteUri, ["version"] = "7" });

        Assert.Equal(["ONAPPINSTALL", "callback"], installed.Body["posts"]!.Select(p => p.Value<string>("name")));
        Assert.True(installed.Body.Value<bool>("succeeded"));
        Assert.Equal(("6", 200), (updated.Body.Value<string>("version"), updated.Body["posts"]![0]!.Value<int>("status")));
        Assert.Equal("ONAPPUNINSTALL", removed.Body["posts"]![0]!.Value<string>("name"));
        bad.Fails(HttpStatusCode.BadRequest, "INVALID_REQUEST");
        Assert.DoesNotContain(app.Received[0]["auth[access_token]"]!, installed.Body.ToString(), StringComparison.Ordinal);
    }

    private Uri Refresh(string refreshToken) =>
        new($"{Sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={Sandbox.App.ClientId}&client_secret={Sandbox.App.ClientSecret}&refresh_token={refreshToken}");
}
