using System.Net;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Testing;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>amocrm-api.md §9: at most 7 requests in any rolling second per account, else 429 with retry_after.</summary>
public sealed class RateLimitTests : AmoTest
{
    private readonly FakeTimeProvider _clock = new();

    protected override AmoCrmSandboxOptions Options => new() { RequestsPerSecond = 7, TimeProvider = _clock };

    [Fact]
    public async Task EightAtOnce_ExactlyOneIs429WithRetryAfter()
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Api.GetAsync("/api/v4/account")));

        var throttled = Assert.Single(replies, r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal(7, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(("Too Many Requests", 429), (throttled.Body.Value<string>("title"), throttled.Body.Value<int>("status")));
        Assert.True(throttled.Body.Value<int>("retry_after") >= 1);
        Assert.Equal(1, Sandbox.Stats.Throttled);
    }

    [Fact]
    public async Task AfterTheWindowSlides_RequestsAreAdmittedAgain()
    {
        for (var i = 0; i < 7; i++)
        {
            (await Api.GetAsync("/api/v4/account")).Expect(HttpStatusCode.OK);
        }

        var refused = await Api.GetAsync("/api/v4/account");
        _clock.Advance(TimeSpan.FromSeconds(1));
        var admitted = await Api.GetAsync("/api/v4/account");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal(HttpStatusCode.OK, admitted.Status);
    }

    [Fact]
    public async Task Window_IsRollingNotAFixedSecond()
    {
        for (var i = 0; i < 4; i++)
        {
            (await Api.GetAsync("/api/v4/account")).Expect(HttpStatusCode.OK);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(600));
        for (var i = 0; i < 3; i++)
        {
            (await Api.GetAsync("/api/v4/account")).Expect(HttpStatusCode.OK);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(500)); // 1.1 s after the first four, 0.5 s after the last three
        var replies = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add((await Api.GetAsync("/api/v4/account")).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], replies);
    }
}
