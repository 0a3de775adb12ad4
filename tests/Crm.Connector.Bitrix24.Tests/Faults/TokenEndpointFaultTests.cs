using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Tests.Portal;
using Crm.Connector.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Crm.Connector.Bitrix24.Tests.Faults;

/// <summary>
/// The OAuth token endpoint answering a refresh badly. Whatever comes back, the refresh is a Bitrix24 error (never a
/// <see cref="NullReferenceException"/> that escapes a sweep over all portals), is sent once (the server may have rotated
/// the token already), says that the refresh token may be spent, never quotes a body that may hold a token, and leaves
/// the stored pair as it was.
/// </summary>
public sealed class TokenEndpointFaultTests : IDisposable
{
    private const string MemberId = "member-faults";
    private const string FreshAccess = "fresh-access-token-123";

    private readonly StubPortal _oauth = new();
    private readonly FactoryHttp _http = new(o => o.AttemptTimeout = TimeSpan.FromSeconds(1));
    private readonly InMemoryTokenStore _store = new();

    public void Dispose()
    {
        _http.Dispose();
        _oauth.Dispose();
    }

    public static TheoryData<string> BrokenAnswers => ["empty", "truncated", "not an object", "html 200", "html 502", "no token pair", "malformed chunk"];

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public async Task Refresh_AnsweredBroken_IsATypedErrorSayingTheRefreshTokenMayBeSpent(string kind)
    {
        OnToken(kind switch
        {
            "empty" => StubPortal.Json(string.Empty),
            "truncated" => StubPortal.Json($$"""{"access_token":"{{FreshAccess}}","refresh_token":"fresh-re"""),
            "not an object" => StubPortal.Json($"[\"{FreshAccess}\""),
            "html 200" => StubPortal.Html(200),
            "html 502" => StubPortal.Html(502),
            "no token pair" => StubPortal.Json("""{"expires_in":3600,"scope":"crm"}"""),
            "malformed chunk" => Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{FreshAccess}}","refresh_token":"r","expires_in":3600}""").WithFault(FaultType.MALFORMED_RESPONSE_CHUNK),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        });
        var before = await InstallExpiredAsync(_oauth.ClientEndpoint);
        using var client = Client(_oauth.TokenEndpoint);

        var error = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => client.ProfileAsync());

        Assert.Contains("may already be spent", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FreshAccess, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _oauth.Count(StubPortal.TokenPath, "GET"));
        Assert.Equal(before, await _store.GetAsync(MemberId));
    }

    [Fact]
    public async Task Refresh_ConnectionReset_IsATransportErrorSentOnce()
    {
        using var stub = RawHttpStub.Resetting();
        await InstallExpiredAsync(_oauth.ClientEndpoint);
        using var client = Client(new Uri(stub.BaseUrl, StubPortal.TokenPath.TrimStart('/')));

        var error = await Assert.ThrowsAsync<Bitrix24TransportException>(() => client.ProfileAsync());

        Assert.True(error.MayHaveRun);
        Assert.Contains("may already be spent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, stub.Requests);
    }

    [Fact]
    public async Task Refresh_ChunkBrokenThenClosed_IsATypedErrorSentOnce()
    {
        using var stub = RawHttpStub.BrokenChunk();
        await InstallExpiredAsync(_oauth.ClientEndpoint);
        using var client = Client(new Uri(stub.BaseUrl, StubPortal.TokenPath.TrimStart('/')));

        var error = await Assert.ThrowsAnyAsync<Bitrix24Exception>(() => client.ProfileAsync());

        Assert.Contains("may already be spent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, stub.Requests);
    }

    [Fact]
    public async Task Refresh_SlowerThanTheAttemptTimeout_IsATransportErrorSentOnce()
    {
        OnToken(_oauth.Held($$"""{"access_token":"{{FreshAccess}}","refresh_token":"r","expires_in":3600}"""));
        await _oauth.WarmUpAsync();
        await InstallExpiredAsync(_oauth.ClientEndpoint);
        using var client = Client(_oauth.TokenEndpoint);

        var error = await Assert.ThrowsAsync<Bitrix24TransportException>(() => client.ProfileAsync());
        await _oauth.UntilHeldAsync(1);

        Assert.True(error.MayHaveRun);
        Assert.Contains("may already be spent", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _oauth.HeldRequests);
    }

    [Fact]
    public async Task Refresh_InvalidGrant_AsksForAReinstall()
    {
        OnToken(StubPortal.Json("""{"error":"invalid_grant","error_description":"The refresh token is invalid"}""", 400));
        await InstallExpiredAsync(_oauth.ClientEndpoint);
        using var client = Client(_oauth.TokenEndpoint);

        var error = await Assert.ThrowsAsync<Bitrix24ReinstallRequiredException>(() => client.ProfileAsync());

        Assert.Equal(MemberId, error.MemberId);
        Assert.Equal(1, _oauth.Count(StubPortal.TokenPath, "GET"));
    }

    [Fact]
    public async Task Refresh_AnsweredWell_StoresTheNewPairAndTheCallGoesThrough()
    {
        OnToken(StubPortal.Json($$"""{"access_token":"{{FreshAccess}}","refresh_token":"fresh-refresh","expires_in":3600}"""));
        _oauth.Server.Given(Request.Create().WithPath("/rest/profile.json").UsingPost().WithBody(b => b is not null && b.Contains(FreshAccess, StringComparison.Ordinal)))
            .RespondWith(StubPortal.Json("""{"result":{"ID":"1","ADMIN":true}}"""));
        await InstallExpiredAsync(_oauth.ClientEndpoint);
        using var client = Client(_oauth.TokenEndpoint);

        await client.ProfileAsync();

        Assert.Equal("fresh-refresh", (await _store.GetAsync(MemberId))!.RefreshToken);
        Assert.Equal(1, _oauth.Count("/rest/profile.json"));
    }

    private void OnToken(IResponseBuilder response) =>
        _oauth.Server.Given(Request.Create().WithPath(StubPortal.TokenPath).UsingGet()).RespondWith(response);

    private async Task<OAuthTokens> InstallExpiredAsync(Uri clientEndpoint)
    {
        var tokens = new OAuthTokens
        {
            MemberId = MemberId,
            AccessToken = "stale-access",
            RefreshToken = "the-only-refresh-token",
            ExpiresAt = TimeProvider.System.GetUtcNow().AddHours(-1),
            ClientEndpoint = clientEndpoint,
        };
        await _store.SaveAsync(tokens);
        return tokens;
    }

    private Bitrix24Client Client(Uri tokenEndpoint) => Bitrix24Client.ForInstallation(
        MemberId,
        _store,
        new OAuthAppOptions { ClientId = "app.test", ClientSecret = "app-secret", TokenEndpoint = tokenEndpoint },
        _http.Create(),
        SandboxClients.Options() with { RetryBaseDelay = TimeSpan.FromMilliseconds(1), RetryMaxDelay = TimeSpan.FromMilliseconds(5) });
}
