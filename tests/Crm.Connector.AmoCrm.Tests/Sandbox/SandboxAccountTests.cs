using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Models;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.AmoCrm;

namespace Crm.Connector.AmoCrm.Tests.Sandbox;

/// <summary>The client against the stateful sandbox account: rotation, the 7-a-second limit, blocks and refusals as amoCRM makes them.</summary>
public sealed class SandboxAccountTests : IAsyncLifetime
{
    private AmoCrmSandbox _sandbox = null!;
    private InMemoryAmoTokenStore _store = null!;
    private AmoCrmClient _client = null!;
    private string _firstRefresh = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions());
        var account = new AmoAccountAddress(_sandbox.BaseUrl);
        var issued = _sandbox.IssueTokens();
        _firstRefresh = issued.RefreshToken;
        _store = new InMemoryAmoTokenStore();
        await _store.SaveAsync(new AmoTokens { AccountKey = account.Key, AccessToken = issued.AccessToken, RefreshToken = issued.RefreshToken, ExpiresAt = issued.ExpiresAt });
        _client = AmoCrmClient.ForInstallation(
            account,
            _store,
            new AmoOAuthApp { ClientId = _sandbox.App.ClientId, ClientSecret = _sandbox.App.ClientSecret, RedirectUri = _sandbox.App.RedirectUri ?? new Uri("https://connector.example.com/amocrm/install") },
            new AmoCrmClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), MaxRetries = 3 });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task ExpiredAccessToken_TwentyCallersAtOnce_OneRefreshAndTheRotatedPairIsStored()
    {
        _sandbox.ExpireAccessTokens();

        var calls = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.Pipelines.ListAsync()));

        Assert.All(calls, pipelines => Assert.NotEmpty(pipelines));
        Assert.Equal(1, _sandbox.Stats.Refreshes);
        var stored = await _store.LoadAsync(_client.Account.Key);
        Assert.NotEqual(_firstRefresh, stored!.RefreshToken);
    }

    [Fact]
    public async Task TwoAccountThrottles_AreWaitedOut()
    {
        _sandbox.Faults.ThrottleNext(2);

        var pipelines = await _client.Pipelines.ListAsync();

        Assert.NotEmpty(pipelines);
        Assert.Equal(2, _sandbox.Stats.Throttled);
        Assert.Equal(2, _client.Statistics.Throttled);
    }

    [Fact]
    public async Task ThirtyCallsAtOnce_StayUnderTheAccountsLimit()
    {
        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => _client.LossReasons.ListAsync()));

        Assert.Equal(0, _sandbox.Stats.Throttled);
        Assert.Equal(30, _sandbox.Stats.Requests);
    }

    [Fact]
    public async Task IpBlock_RaisesOneTypedErrorAndTheNextCallsSendNothing()
    {
        _sandbox.Faults.IpBlocked = true;

        var first = await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => _client.Roles.ListAsync());
        var seen = _sandbox.Stats.Requests;
        await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => _client.Pipelines.ListAsync());
        await Assert.ThrowsAsync<AmoCrmAccountBlockedException>(() => _client.Users.ListAsync());

        Assert.Equal(seen, _sandbox.Stats.Requests);
        Assert.Contains("403", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpaidAccount_IsItsOwnError()
    {
        _sandbox.Faults.AccountUnpaid = true;

        await Assert.ThrowsAsync<AmoCrmPaymentRequiredException>(() => _client.Pipelines.ListAsync());
    }

    [Fact]
    public async Task ListValueThatIsNotTheFields_IsRefusedNamingTheLeadAndTheFieldPath()
    {
        var field = Assert.Single(await _client.CustomFields.AddAsync(AmoEntityType.Leads, [new AmoCustomFieldAdd { Name = "Курс", Type = "select", Enums = [new AmoEnum(null, "PHP", 10, null)] }]));
        var good = new AmoLeadAdd { Name = "Первая", CustomFieldsValues = new CustomFieldValues().Select(field.Id, field.Enums![0].Id) };
        var bad = new AmoLeadAdd { Name = "Вторая", RequestId = "lead-2", CustomFieldsValues = new CustomFieldValues().Select(field.Id, 999_999) };

        var error = await Assert.ThrowsAsync<AmoCrmValidationException>(() => _client.Leads.AddAsync([good, bad]));

        var refused = Assert.Single(error.Errors);
        Assert.Equal(("lead-2", 1, "NotSupportedChoice"), (refused.RequestId, refused.Index, refused.Code));
        Assert.StartsWith("custom_fields_values.0", refused.Path, StringComparison.Ordinal);
        Assert.Contains("lead-2", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _client.Leads.ListAsync());
    }

    [Fact]
    public async Task RevokedRefreshToken_SaysReinstallIsNeeded()
    {
        // Another process used the pair and lost the answer's new pair: the stored refresh token is spent.
        using var http = new HttpClient();
        var body = new Dictionary<string, string>
        {
            ["client_id"] = _sandbox.App.ClientId,
            ["client_secret"] = _sandbox.App.ClientSecret,
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = _firstRefresh,
        };
        using var first = await http.PostAsync(_sandbox.TokenEndpoint, new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(body), System.Text.Encoding.UTF8, "application/json"));
        var rotated = Newtonsoft.Json.Linq.JObject.Parse(await first.Content.ReadAsStringAsync());
        body["refresh_token"] = (string)rotated["refresh_token"]!;
        using var second = await http.PostAsync(_sandbox.TokenEndpoint, new StringContent(Newtonsoft.Json.JsonConvert.SerializeObject(body), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(second.IsSuccessStatusCode, await second.Content.ReadAsStringAsync());
        _sandbox.ExpireAccessTokens();

        await Assert.ThrowsAsync<AmoCrmReinstallRequiredException>(() => _client.Pipelines.ListAsync());
    }
}
