using System.Net;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Testing;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §2.4–§2.6: the token endpoint, rotation with the grace rule, Bearer checks.</summary>
public sealed class OAuthTests : AmoTest
{
    private readonly FakeTimeProvider _clock = new();

    protected override AmoCrmSandboxOptions Options => new() { RequestsPerSecond = 0, TimeProvider = _clock };

    [Fact]
    public async Task Refresh_RotatesAndTheOldTokenWorksUntilTheNewOneIsUsed()
    {
        var first = Sandbox.IssueTokens();

        var second = await RefreshAsync(first.RefreshToken);
        var graceReuse = await RefreshAsync(first.RefreshToken); // the answer of "second" was lost: the old one still works
        var third = await RefreshAsync(graceReuse.Value<string>("refresh_token")!); // using the newest revokes the old
        var revoked = await Api.TokenAsync(RefreshBody(first.RefreshToken));

        Assert.NotEqual(first.RefreshToken, second.Value<string>("refresh_token"));
        Assert.Equal(("Bearer", 86400L), (third.Value<string>("token_type"), third.Value<long>("expires_in")));
        revoked.Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("Token has been revoked", revoked.Body.Value<string>("hint"));
        Assert.Equal("https://developers.amocrm.ru/v3/errors/OAuthProblemJson", revoked.Body.Value<string>("type"));
    }

    [Fact]
    public async Task Refresh_ConsumedTokenAfterItsSuccessorWasUsed_Is401Revoked()
    {
        var first = Sandbox.IssueTokens();
        var second = await RefreshAsync(first.RefreshToken);
        var third = await RefreshAsync(second.Value<string>("refresh_token")!);
        await RefreshAsync(third.Value<string>("refresh_token")!); // the successor of "second" is used: "second" is dead

        var reply = await Api.TokenAsync(RefreshBody(second.Value<string>("refresh_token")!));

        reply.Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("Token has been revoked", reply.Body.Value<string>("hint"));
    }

    [Fact]
    public async Task Refresh_NewAccessTokenCallsTheApi()
    {
        var refreshed = await RefreshAsync(Sandbox.IssueTokens().RefreshToken);

        var reply = await Api.SendAsync(HttpMethod.Get, "/api/v4/account", token: refreshed.Value<string>("access_token"));

        reply.Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WrongClientSecret_Is401()
    {
        var body = RefreshBody(Sandbox.IssueTokens().RefreshToken);
        body["client_secret"] = "wrong";

        var reply = await Api.TokenAsync(body);

        reply.Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("Client authentication failed", reply.Body.Value<string>("hint"));
    }

    [Fact]
    public async Task ExpiredAccessToken_Is401ProblemJson()
    {
        Sandbox.ExpireAccessTokens();

        var reply = await Api.GetAsync("/api/v4/account");

        reply.Expect(HttpStatusCode.Unauthorized);
        Assert.Equal("application/problem+json", reply.ContentType);
        Assert.Equal(401, reply.Body.Value<int>("status"));
    }

    [Fact]
    public async Task AccessToken_ExpiresAfter24Hours()
    {
        _clock.Advance(TimeSpan.FromHours(24));

        var reply = await Api.GetAsync("/api/v4/account");

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task MissingOrUnknownToken_Is401(string token)
    {
        var reply = await Api.SendAsync(HttpMethod.Get, "/api/v4/account", token: token);

        Assert.Equal(HttpStatusCode.Unauthorized, reply.Status);
        Assert.Equal(1, Sandbox.Stats.Unauthorized);
    }

    [Fact]
    public async Task LongLivedToken_CallsTheApi()
    {
        var token = Sandbox.IssueLongLivedToken(TimeSpan.FromDays(365));

        var reply = await Api.SendAsync(HttpMethod.Get, "/api/v4/account", token: token);

        Assert.Equal(3, token.Split('.').Length);
        reply.Expect(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AuthorizationCode_WorksOnceWithinTwentyMinutes()
    {
        await using var app = await HookReceiver.StartAsync();
        var install = await Sandbox.InstallAppAsync(new Uri(app.Url, "amocrm/install"), "csrf-1");
        var body = new JObject
        {
            ["client_id"] = Sandbox.App.ClientId,
            ["client_secret"] = Sandbox.App.ClientSecret,
            ["grant_type"] = "authorization_code",
            ["code"] = install.Code,
            ["redirect_uri"] = Sandbox.App.RedirectUri!.AbsoluteUri,
        };

        var first = await Api.TokenAsync(body);
        var second = await Api.TokenAsync(body);

        Assert.NotNull(first.Expect(HttpStatusCode.OK).Value<string>("refresh_token"));
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
    }

    [Fact]
    public async Task AuthorizationCode_ExpiresAfterTwentyMinutes()
    {
        await using var app = await HookReceiver.StartAsync();
        var install = await Sandbox.InstallAppAsync(new Uri(app.Url, "amocrm/install"), null);
        _clock.Advance(TimeSpan.FromMinutes(21));

        var reply = await Api.TokenAsync(new JObject
        {
            ["client_id"] = Sandbox.App.ClientId,
            ["client_secret"] = Sandbox.App.ClientSecret,
            ["grant_type"] = "authorization_code",
            ["code"] = install.Code,
            ["redirect_uri"] = Sandbox.App.RedirectUri!.AbsoluteUri,
        });

        Assert.Equal("Authorization code has expired", reply.Expect(HttpStatusCode.BadRequest).Value<string>("hint"));
    }

    private JObject RefreshBody(string refreshToken) => new()
    {
        ["client_id"] = Sandbox.App.ClientId,
        ["client_secret"] = Sandbox.App.ClientSecret,
        ["grant_type"] = "refresh_token",
        ["refresh_token"] = refreshToken,
        ["redirect_uri"] = "https://app.example/amocrm/install",
    };

    private async Task<JObject> RefreshAsync(string refreshToken) => (await Api.TokenAsync(RefreshBody(refreshToken))).Expect(HttpStatusCode.OK);
}
