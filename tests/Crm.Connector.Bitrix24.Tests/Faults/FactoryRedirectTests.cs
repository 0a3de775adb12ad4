using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Tests.Portal;
using Crm.Connector.Sandbox.Bitrix24;
using Newtonsoft.Json.Linq;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Crm.Connector.Bitrix24.Tests.Faults;

/// <summary>
/// A renamed portal answers 302 from its old address (bitrix24-rest.md §2.5). Through a factory's client RestSharp's
/// FollowRedirects=false does not reach the handler: unless the handler itself follows no redirects, it would send the
/// new address a GET without the body. The client must see the 302 and POST again.
/// </summary>
public sealed class FactoryRedirectTests : IDisposable
{
    private readonly FactoryHttp _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task DealAdd_302FromTheOldAddress_IsPostedAgainWithTheSameBody()
    {
        using var oldAddress = new StubPortal();
        using var newAddress = new StubPortal();
        var path = StubPortal.WebhookPath("crm.deal.add");
        oldAddress.Server.Given(Request.Create().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(302).WithHeader("Location", new Uri(newAddress.BaseUrl, path.TrimStart('/')).AbsoluteUri));
        newAddress.Server.Given(Request.Create().WithPath(path).UsingPost().WithBody(b => b is not null && b.Contains("\"TITLE\":\"moved\"", StringComparison.Ordinal)))
            .RespondWith(StubPortal.Json("""{"result":42}"""));
        using var client = new Bitrix24Client(new WebhookCredentials(oldAddress.WebhookUrl), _http.Create(), SandboxClients.Options());

        var id = await client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "moved" });

        Assert.Equal(42, id);
        Assert.Equal(1, oldAddress.Count(path));
        Assert.Equal(1, newAddress.Count(path));
        Assert.Equal(0, newAddress.Count(path, "GET"));
        Assert.Equal(1, client.Statistics.Redirects);
    }

    [Fact]
    public async Task DomainChange_OnTheSandboxPortal_IsFollowedWithTheSamePostAndRemembered()
    {
        await using var sandbox = await Bitrix24Sandbox.StartAsync();
        using var client = new Bitrix24Client(new WebhookCredentials(sandbox.WebhookUrl), _http.Create(), SandboxClients.Options());
        sandbox.ChangeDomain();

        var dealId = await client.Crm.Deals.AddAsync(new JObject { ["TITLE"] = "После переезда" });
        var deal = await client.Crm.Deals.GetAsync(dealId);

        Assert.Equal("После переезда", deal.Value<string>("TITLE"));
        Assert.Equal(1, sandbox.Stats.Redirects);
        Assert.Equal(1, client.Statistics.Redirects);
        Assert.Equal(sandbox.AlternateBaseUrl.Authority, ((WebhookCredentials)client.Credentials).Endpoint.Authority);
    }
}
