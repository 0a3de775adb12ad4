using System.Net;
using Crm.Connector.Sandbox.Tests.Infrastructure;

namespace Crm.Connector.Sandbox.Tests.Bitrix24;

/// <summary>The OAuth token endpoint: refresh, rotation, errors (bitrix24-rest.md §2.3).</summary>
public sealed class TokenEndpointTests : SandboxTest
{
    [Fact]
    public async Task Refresh_ValidToken_ReturnsANewPairAndTheDocumentedFields() // §2.3
    {
        var issued = Sandbox.IssueTokens(2);

        var reply = await Rest.GetAsync(Refresh(issued.RefreshToken));
        var body = reply.Body;

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.NotEqual(issued.AccessToken, body.Value<string>("access_token"));
        Assert.NotEqual(issued.RefreshToken, body.Value<string>("refresh_token"));
        Assert.Equal(64, body.Value<string>("refresh_token")!.Length);
        Assert.Equal(3600, body.Value<int>("expires_in"));
        Assert.True(body.Value<long>("expires") > 0);
        Assert.Equal(Sandbox.ClientEndpoint.AbsoluteUri, body.Value<string>("client_endpoint"));
        Assert.Equal("oauth.bitrix.info", body.Value<string>("domain"));
        Assert.Equal(Sandbox.App.MemberId, body.Value<string>("member_id"));
        Assert.Equal("P", body.Value<string>("status"));
        Assert.Equal(2, body.Value<int>("user_id"));
        Assert.Contains("crm", body.Value<string>("scope")!, StringComparison.Ordinal);
        Assert.NotNull(body.Value<string>("server_endpoint"));
        Assert.Equal(1, Sandbox.Stats.Refreshes);
    }

    [Fact]
    public async Task Refresh_NewAccessToken_Works()
    {
        var issued = Sandbox.IssueTokens();
        var refreshed = await Rest.GetAsync(Refresh(issued.RefreshToken));

        var profile = await Rest.OAuthAsync(refreshed.Body.Value<string>("access_token")!, "profile");

        Assert.Equal("1", profile.Ok().Value<string>("ID"));
    }

    [Fact]
    public async Task Refresh_SameTokenTwice_SecondIsInvalidGrant() // §2.3: rotation, refresh tokens are single-use
    {
        var issued = Sandbox.IssueTokens();

        var first = await Rest.GetAsync(Refresh(issued.RefreshToken));
        var second = await Rest.GetAsync(Refresh(issued.RefreshToken));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        second.Fails(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal((1, 1), (Sandbox.Stats.Refreshes, Sandbox.Stats.RefreshFailures));
    }

    [Fact]
    public async Task Refresh_ConcurrentWithTheSameToken_OnlyOneWins() // §2.3: concurrent refreshes, the losers get invalid_grant
    {
        var issued = Sandbox.IssueTokens();

        var replies = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Rest.GetAsync(Refresh(issued.RefreshToken))));

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => r.Fails(HttpStatusCode.BadRequest, "invalid_grant"));
    }

    [Fact]
    public async Task Refresh_UnknownToken_IsInvalidGrant()
    {
        var reply = await Rest.GetAsync(Refresh(new string('0', 64)));

        reply.Fails(HttpStatusCode.BadRequest, "invalid_grant");
        Assert.Equal(1, Sandbox.Stats.RefreshFailures);
    }

    [Fact]
    public async Task Refresh_WrongClientSecret_Is401InvalidClient() // §2.3 error codes
    {
        var issued = Sandbox.IssueTokens();

        var reply = await Rest.GetAsync(new Uri($"{Sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={Sandbox.App.ClientId}&client_secret=wrong&refresh_token={issued.RefreshToken}"));
        var stillValid = await Rest.GetAsync(Refresh(issued.RefreshToken));

        reply.Fails(HttpStatusCode.Unauthorized, "invalid_client");
        Assert.Equal(HttpStatusCode.OK, stillValid.Status);
    }

    [Fact]
    public async Task Refresh_AsAFormPost_IsAccepted()
    {
        var issued = Sandbox.IssueTokens();

        var reply = await Rest.PostFormAsync(Sandbox.TokenEndpoint, $"grant_type=refresh_token&client_id={Sandbox.App.ClientId}&client_secret={Sandbox.App.ClientSecret}&refresh_token={issued.RefreshToken}");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task Refresh_OldAccessToken_StaysValidUntilItsExpiry() // §2.3 (UNCONFIRMED: not revoked by a refresh)
    {
        var issued = Sandbox.IssueTokens();
        await Rest.GetAsync(Refresh(issued.RefreshToken));

        var reply = await Rest.OAuthAsync(issued.AccessToken, "profile");

        reply.Ok();
    }

    [Fact]
    public async Task Refresh_AfterExpireAccessTokens_GivesAWorkingToken() // §2.3: 401 expired_token → refresh → retry
    {
        var issued = Sandbox.IssueTokens();
        Sandbox.ExpireAccessTokens();
        var expired = await Rest.OAuthAsync(issued.AccessToken, "profile");

        var refreshed = await Rest.GetAsync(Refresh(issued.RefreshToken));
        var retried = await Rest.OAuthAsync(refreshed.Body.Value<string>("access_token")!, "profile");

        expired.Fails(HttpStatusCode.Unauthorized, "expired_token");
        retried.Ok();
    }

    [Fact]
    public void App_HasTheDocumentedShape() // §2.3: mass-market client ids are app.xxxxx.yyyy
    {
        Assert.Matches(@"^app\.[0-9a-f]+\.[0-9]+$", Sandbox.App.ClientId);
        Assert.NotEmpty(Sandbox.App.ClientSecret);
        Assert.NotEmpty(Sandbox.App.ApplicationToken);
        Assert.NotEmpty(Sandbox.App.MemberId);
        Assert.Equal(new Uri(Sandbox.BaseUrl, "oauth/token/"), Sandbox.TokenEndpoint);
    }

    private Uri Refresh(string refreshToken) =>
        new($"{Sandbox.TokenEndpoint}?grant_type=refresh_token&client_id={Sandbox.App.ClientId}&client_secret={Sandbox.App.ClientSecret}&refresh_token={refreshToken}");
}
