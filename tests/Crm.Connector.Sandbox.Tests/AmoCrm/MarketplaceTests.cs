using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §2.3 and §2.7: the consent redirect and the "access revoked" hook.</summary>
public sealed class MarketplaceTests : AmoTest
{
    [Fact]
    public async Task Install_GetsTheRedirectWithCodeStateRefererAndClientId_AndTheCodeExchanges()
    {
        await using var app = await AppReceiver.StartAsync();
        var redirect = new Uri(app.Url, "api/amocrm/install");

        var result = await Sandbox.InstallAppAsync(redirect, "csrf-42");
        var request = Assert.Single(app.Received);
        var tokens = await Api.TokenAsync(new JObject
        {
            ["client_id"] = request.QueryValue("client_id"),
            ["client_secret"] = Sandbox.App.ClientSecret,
            ["grant_type"] = "authorization_code",
            ["code"] = request.QueryValue("code"),
            ["redirect_uri"] = redirect.AbsoluteUri,
        });

        Assert.True(result.Succeeded);
        Assert.Equal(("/api/amocrm/install", "csrf-42", Sandbox.BaseUrl.Authority, Sandbox.App.ClientId), (request.Path, request.QueryValue("state"), request.QueryValue("referer"), request.QueryValue("client_id")));
        Assert.Equal(result.Code, request.QueryValue("code"));
        var access = tokens.Expect(HttpStatusCode.OK).Value<string>("access_token")!;
        (await Api.SendAsync(HttpMethod.Get, "/api/v4/account", token: access)).Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Uninstall_SignatureVerifiesWithHmacOfClientIdAndAccountId()
    {
        await using var app = await AppReceiver.StartAsync();

        var result = await Sandbox.UninstallAppAsync(new Uri(app.Url, "api/amocrm/uninstall"));
        var request = Assert.Single(app.Received);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(Sandbox.App.ClientSecret),
            Encoding.UTF8.GetBytes($"{Sandbox.App.ClientId}|{Sandbox.AccountId.ToString(CultureInfo.InvariantCulture)}")));

        Assert.True(result.Succeeded);
        Assert.Equal(("GET", "amoService-oAuth-Code-Sender/1.0"), (request.Hook.Method, request.UserAgent));
        Assert.Equal(Sandbox.App.ClientId, request.QueryValue("client_uuid"));
        Assert.Equal(Sandbox.AccountId.ToString(CultureInfo.InvariantCulture), request.QueryValue("account_id"));
        Assert.Equal(expected, request.QueryValue("signature"));
    }

    [Fact]
    public async Task Uninstall_RevokesEveryToken()
    {
        await using var app = await AppReceiver.StartAsync();
        var tokens = Sandbox.IssueTokens();

        await Sandbox.UninstallAppAsync(new Uri(app.Url, "api/amocrm/uninstall"));
        var api = await Api.SendAsync(HttpMethod.Get, "/api/v4/account", token: tokens.AccessToken);
        var refresh = await Api.TokenAsync(new JObject
        {
            ["client_id"] = Sandbox.App.ClientId,
            ["client_secret"] = Sandbox.App.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = tokens.RefreshToken,
        });

        Assert.Equal(HttpStatusCode.Unauthorized, api.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.Status);
        Assert.False(Sandbox.App.Installed);
        Assert.Throws<InvalidOperationException>(() => Sandbox.IssueTokens());
    }

    [Fact]
    public async Task Install_AppDown_IsReportedNotThrown()
    {
        var result = await Sandbox.InstallAppAsync(new Uri($"http://127.0.0.1:{Crm.Connector.Testing.FreePort.Next()}/install"), null);

        Assert.Equal(0, result.StatusCode);
        Assert.NotNull(result.Error);
    }
}
