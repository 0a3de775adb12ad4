using System.Net;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Sandbox.Tests.Infrastructure;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>
/// A portal started with the app's OAuth credentials and member id fixed in advance, so an app configured with them
/// before the portal starts accepts the installation on the first try (bitrix24-rest.md §1.2, §2.3); and the state
/// showing the application token events will carry.
/// </summary>
public sealed class FixedCredentialsTests : SandboxTest
{
    private const string ClientId = "local.crmc-sandbox.1";
    private const string ClientSecret = "sandbox-client-secret";
    private const string MemberId = "0123456789abcdef0123456789abcdef";

    protected override Bitrix24SandboxOptions Options => Sandboxes.Roomy() with { ClientId = ClientId, ClientSecret = ClientSecret, MemberId = MemberId };

    [Fact]
    public async Task FixedCredentials_AreTheAppsAndRefreshTokensWithThem() // §2.3
    {
        var issued = Sandbox.IssueTokens();

        var refreshed = await Rest.GetAsync(new Uri($"{Sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={ClientId}&client_secret={ClientSecret}&refresh_token={issued.RefreshToken}"));

        Assert.Equal((ClientId, ClientSecret, MemberId), (Sandbox.App.ClientId, Sandbox.App.ClientSecret, Sandbox.App.MemberId));
        Assert.Equal(HttpStatusCode.OK, refreshed.Status);
        Assert.Equal(MemberId, refreshed.Body.Value<string>("member_id"));
    }

    [Fact]
    public async Task State_ShowsTheAppsClientIdAndApplicationTokenButNeitherItsSecretNorOAuthTokens()
    {
        var issued = Sandbox.IssueTokens();

        var state = (await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/state"))).Body;
        var app = state["portal"]!["app"]!;

        Assert.Equal(MemberId, state["portal"]!.Value<string>("memberId"));
        Assert.Equal(ClientId, app.Value<string>("clientId"));
        Assert.Equal(Sandbox.App.ApplicationToken, app.Value<string>("applicationToken"));
        Assert.DoesNotContain(ClientSecret, state.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(issued.RefreshToken, state.ToString(), StringComparison.Ordinal);
    }
}
