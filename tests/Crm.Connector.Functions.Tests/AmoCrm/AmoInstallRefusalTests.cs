using Crm.Connector.Functions.AmoCrm;

namespace Crm.Connector.Functions.Tests.AmoCrm;

/// <summary>One app and account shared by the refusal cases: none of them may install anything or call amoCRM.</summary>
public sealed class AmoRefusalApp : IAsyncLifetime
{
    public AmoAppHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await AmoAppHarness.StartAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>
/// Consent redirects that must be refused: without a state of ours, with an old one, for another integration, from a
/// host the app does not serve. Each is refused before any outbound call (the account counts none) and stores nothing.
/// </summary>
public sealed class AmoInstallRefusalTests(AmoRefusalApp app) : IClassFixture<AmoRefusalApp>
{
    private AmoAppHarness Harness => app.Harness;

    public static TheoryData<string, string, int, string> Cases => new()
    {
        { "no state", "code=c&referer={host}&client_id={client}", 403, "STATE_MISSING" },
        { "a state not signed by us", "code=c&state=1700000000.abc.{zeros}&referer={host}&client_id={client}", 403, "STATE_FORGED" },
        { "a state of ours, two hours old", "code=c&state={old}&referer={host}&client_id={client}", 403, "STATE_EXPIRED" },
        { "another integration", "code=c&state={state}&referer={host}&client_id=00000000-0000-0000-0000-000000000000", 403, "WRONG_CLIENT" },
        { "referer not an account host we serve", "code=c&state={state}&referer=evil.example.com&client_id={client}", 403, "DOMAIN_NOT_ALLOWED" },
        { "referer looks like amoCRM but is not", "code=c&state={state}&referer=school.amocrm.ru.evil.com&client_id={client}", 403, "DOMAIN_NOT_ALLOWED" },
        { "another loopback port", "code=c&state={state}&referer=127.0.0.1%3A1&client_id={client}", 403, "DOMAIN_NOT_ALLOWED" },
        { "no code", "state={state}&referer={host}&client_id={client}", 400, "NO_CODE" },
        { "a code amoCRM never issued", "code=forged&state={state}&referer={host}&client_id={client}", 401, "CODE_REFUSED" },
        { "declined", "error=access_denied&client_id={client}&state={state}", 200, "ACCESS_DENIED" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Redirect_IsRefusedBeforeAnyCallAndStoresNothing(string name, string query, int expected, string code)
    {
        var secret = Harness.Sandbox.App.ClientSecret;
        var filled = query
            .Replace("{host}", Uri.EscapeDataString(Harness.Sandbox.BaseUrl.Authority), StringComparison.Ordinal)
            .Replace("{client}", Harness.Sandbox.App.ClientId, StringComparison.Ordinal)
            .Replace("{zeros}", new string('0', 64), StringComparison.Ordinal)
            .Replace("{old}", Uri.EscapeDataString(AmoInstallState.Issue(secret, TimeProvider.System.GetUtcNow().AddHours(-2))), StringComparison.Ordinal)
            .Replace("{state}", Uri.EscapeDataString(await Harness.ConnectStateAsync()), StringComparison.Ordinal);
        Harness.Sandbox.Stats.Reset();

        var (status, body) = await Harness.GetAsync("api/amocrm/install?" + filled);

        Assert.True(status == expected, $"{name}: expected {expected}, got {status} {body}");
        Assert.Contains($"<code id=\"error\">{code}</code>", body, StringComparison.Ordinal);
        Assert.Null(await Harness.Store.Installations.GetAsync(Harness.MemberId));

        // Only a forged code reaches amoCRM (its token endpoint refuses it); everything else is refused first.
        Assert.Equal(code == "CODE_REFUSED" ? 1 : 0, Harness.Sandbox.Stats.Requests);
    }

    [Fact]
    public async Task Connect_RedirectsToConsentWithAStateTheInstallAccepts()
    {
        var state = await Harness.ConnectStateAsync();

        Assert.Equal(AmoStateCheck.Valid, AmoInstallState.Check(state, Harness.Sandbox.App.ClientSecret, TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(30)));
        Assert.Equal(AmoStateCheck.Forged, AmoInstallState.Check(state, "another secret", TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(30)));
        Assert.Equal(AmoStateCheck.Expired, AmoInstallState.Check(state, Harness.Sandbox.App.ClientSecret, TimeProvider.System.GetUtcNow().AddHours(1), TimeSpan.FromMinutes(30)));
    }
}
