using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The portal moving to another address (bitrix24-rest.md §2.5).</summary>
public sealed class DomainChangeTests : SandboxTest
{
    [Fact]
    public async Task BeforeTheChange_BothAddressesServe()
    {
        var main = await Rest.WebhookAsync("profile");
        var alternate = await Rest.PostJsonAsync(new Uri(Sandbox.AlternateBaseUrl, Sandbox.WebhookUrl.AbsolutePath + "profile"), []);

        main.Ok();
        alternate.Ok();
        Assert.NotEqual(Sandbox.BaseUrl.Port, Sandbox.AlternateBaseUrl.Port);
    }

    [Fact]
    public async Task AfterTheChange_OldAddressAnswers302ToTheSamePathAndQuery() // §2.5
    {
        Sandbox.ChangeDomain();

        var reply = await Rest.PostJsonAsync(new Uri(Sandbox.WebhookUrl, "crm.deal.list?start=0"), JObject.Parse("""{"filter":{"ID":1}}"""));

        Assert.Equal(HttpStatusCode.Found, reply.Status);
        Assert.Equal(new Uri(Sandbox.AlternateBaseUrl, Sandbox.WebhookUrl.AbsolutePath + "crm.deal.list?start=0"), reply.Location);
        Assert.Equal(1, Sandbox.Stats.Redirects);
        Assert.Equal(0, Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task AfterTheChange_RepostingToTheNewAddressWorks() // §2.5: re-POST to Location
    {
        Sandbox.ChangeDomain();
        var redirect = await Rest.PostJsonAsync(new Uri(Sandbox.WebhookUrl, "crm.deal.add"), JObject.Parse("""{"fields":{"TITLE":"После переезда"}}"""));

        var reply = await Rest.PostJsonAsync(redirect.Location!, JObject.Parse("""{"fields":{"TITLE":"После переезда"}}"""));

        Assert.True(reply.Ok().Value<int>() > 0);
    }

    [Fact]
    public async Task AfterTheChange_TokenEndpointAndSandboxRoutesStayAndNameTheNewAddress() // §2.3: client_endpoint is the portal's current address
    {
        var tokens = Sandbox.IssueTokens();
        Sandbox.ChangeDomain();

        var refresh = await Rest.GetAsync(new Uri($"{Sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={Sandbox.App.ClientId}&client_secret={Sandbox.App.ClientSecret}&refresh_token={tokens.RefreshToken}"));
        var state = await Rest.GetAsync(new Uri(Sandbox.BaseUrl, "_sandbox/state"));

        Assert.Equal(HttpStatusCode.OK, refresh.Status);
        Assert.Equal(new Uri(Sandbox.AlternateBaseUrl, "rest/").AbsoluteUri, refresh.Body.Value<string>("client_endpoint"));
        Assert.Equal(HttpStatusCode.OK, state.Status);
        Assert.True(state.Body["portal"]!.Value<bool>("domainChanged"));
    }
}
