using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;
using Crm.Connector.Testing;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>Webhook and OAuth access and every auth error (bitrix24-rest.md §2.4, §3, §12.4).</summary>
public sealed class AuthTests : SandboxTest
{
    [Fact]
    public async Task Webhook_ValidSecret_RunsAsTheAdmin() // §3
    {
        var profile = (await Rest.WebhookAsync("profile")).Ok();

        Assert.Equal("1", profile.Value<string>("ID"));
        Assert.True(profile.Value<bool>("ADMIN"));
        Assert.EndsWith("/", Sandbox.WebhookUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.StartsWith(Sandbox.BaseUrl.AbsoluteUri + "rest/1/", Sandbox.WebhookUrl.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_WrongSecret_Is401NoAuthFound() // §12.4
    {
        var wrong = new Uri(Sandbox.BaseUrl, "rest/1/notthesecret/profile");

        var reply = await Rest.PostJsonAsync(wrong, []);

        reply.Fails(HttpStatusCode.Unauthorized, "NO_AUTH_FOUND");
    }

    [Fact]
    public async Task Webhook_OtherUserWithTheAdminsSecret_Is401NoAuthFound() // §3: the secret belongs to one user
    {
        var secret = Sandbox.WebhookUrl.Segments[^1].TrimEnd('/');

        var reply = await Rest.PostJsonAsync(new Uri(Sandbox.BaseUrl, $"rest/2/{secret}/profile"), []);

        reply.Fails(HttpStatusCode.Unauthorized, "NO_AUTH_FOUND");
    }

    [Fact]
    public async Task OAuth_IssuedToken_RunsAsItsUserWithAllScopes() // §2.4
    {
        var tokens = Sandbox.IssueTokens(2);

        var profile = (await Rest.OAuthAsync(tokens.AccessToken, "profile")).Ok();
        var scopes = (await Rest.OAuthAsync(tokens.AccessToken, "scope")).Ok();

        Assert.Equal("2", profile.Value<string>("ID"));
        Assert.False(profile.Value<bool>("ADMIN"));
        Assert.Equal(2, tokens.UserId);
        Assert.Equal(64, tokens.AccessToken.Length);
        Assert.NotEqual(tokens.AccessToken, tokens.RefreshToken);
        Assert.Contains("crm", scopes.Values<string>());
        Assert.Contains("bizproc", scopes.Values<string>());
    }

    [Fact]
    public async Task OAuth_TokenInTheQueryString_IsAccepted() // §2.4: ?auth=
    {
        var tokens = Sandbox.IssueTokens();

        var reply = await Rest.GetAsync(new Uri(Sandbox.ClientEndpoint, $"profile.json?auth={tokens.AccessToken}"));

        Assert.Equal("1", reply.Ok().Value<string>("ID"));
    }

    [Fact]
    public async Task OAuth_NoAuth_Is401NoAuthFound() // §12.4
    {
        var reply = await Rest.PostJsonAsync(new Uri(Sandbox.ClientEndpoint, "profile"), []);

        reply.Fails(HttpStatusCode.Unauthorized, "NO_AUTH_FOUND");
    }

    [Fact]
    public async Task OAuth_UnknownToken_Is401InvalidToken() // §12.4 (invalid_token UNCONFIRMED)
    {
        var reply = await Rest.OAuthAsync(new string('a', 64), "profile");

        reply.Fails(HttpStatusCode.Unauthorized, "invalid_token");
    }

    [Fact]
    public async Task OAuth_ExpiredByExpireAccessTokens_Is401ExpiredToken() // §2.3, §12.4
    {
        var tokens = Sandbox.IssueTokens();
        Sandbox.ExpireAccessTokens();

        var reply = await Rest.OAuthAsync(tokens.AccessToken, "profile");

        reply.Fails(HttpStatusCode.Unauthorized, "expired_token");
        Assert.Equal("The access token provided has expired.", reply.Description);
    }

    [Fact]
    public async Task OAuth_AfterItsLifetimeOnThePortalClock_IsExpired() // §2.3: access tokens live 1 hour
    {
        var clock = new FakeTimeProvider();
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy(clock));
        var rest = new RawRest(sandbox);
        var tokens = sandbox.IssueTokens();

        clock.Advance(TimeSpan.FromMinutes(59));
        var before = await rest.OAuthAsync(tokens.AccessToken, "profile");
        clock.Advance(TimeSpan.FromMinutes(1));
        var after = await rest.OAuthAsync(tokens.AccessToken, "profile");

        before.Ok();
        after.Fails(HttpStatusCode.Unauthorized, "expired_token");
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero), tokens.ExpiresAt);
    }

    [Fact]
    public async Task Webhook_MethodOutsideItsScopes_Is403InsufficientScope() // §3, §12.4
    {
        await using var sandbox = await Sandboxes.StartAsync(Sandboxes.Roomy() with { WebhookScopes = "crm" });
        var rest = new RawRest(sandbox);

        var notify = await rest.WebhookAsync("im.notify.system.add", """{"USER_ID":1,"MESSAGE":"x"}""");
        var deal = await rest.WebhookAsync("crm.deal.list");
        var scopes = (await rest.WebhookAsync("scope")).Ok();

        notify.Fails(HttpStatusCode.Forbidden, "insufficient_scope");
        deal.Ok();
        Assert.Equal(["crm"], scopes.Values<string>());
    }

    [Theory]
    [InlineData("app.info")]
    [InlineData("event.get")]
    [InlineData("event.bind")]
    [InlineData("event.offline.get")]
    [InlineData("bizproc.robot.list")]
    public async Task Webhook_AppOnlyMethod_Is403ApplicationContextRequired(string method) // §3
    {
        var reply = await Rest.WebhookAsync(method);

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
        Assert.Equal("Application context required", reply.Description);
    }

    [Fact]
    public async Task UnknownMethod_Is404MethodNotFound() // §12.4
    {
        var reply = await Rest.WebhookAsync("crm.nothing.here");

        reply.Fails(HttpStatusCode.NotFound, "ERROR_METHOD_NOT_FOUND");
    }

    [Fact]
    public async Task Method_WithJsonSuffixAndAnyCase_IsTheSameMethod() // §2.4: optional .json suffix
    {
        var reply = await Rest.WebhookAsync("CRM.Deal.Fields.json");

        Assert.NotNull(reply.Ok()["TITLE"]);
    }

    [Fact]
    public async Task Robots_AppTokenOfANonAdmin_Is403() // §5.1: admin required
    {
        var tokens = Sandbox.IssueTokens(3);

        var reply = await Rest.OAuthAsync(tokens.AccessToken, "bizproc.robot.list");

        reply.Fails(HttpStatusCode.Forbidden, "ACCESS_DENIED");
    }

    [Fact]
    public void IssueTokens_UnknownUser_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Sandbox.IssueTokens(99));
    }
}
