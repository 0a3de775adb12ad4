using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// A stateful Bitrix24 portal on loopback, following <c>reference/bitrix24-rest.md</c>: REST over webhook URLs and
/// OAuth tokens, the OAuth token endpoint with refresh-token rotation, batch, list paging, the leaky-bucket limit,
/// CRM pipelines/stages/user fields/items, tasks, to-dos, comments, notifications, robots and events sent to bound
/// handlers. <c>/_sandbox/stats</c> and <c>/_sandbox/state</c> let tests and benchmarks count and inspect.
/// </summary>
public sealed class Bitrix24Sandbox : IAsyncDisposable
{
    private Bitrix24Sandbox()
    {
    }

    /// <summary>The portal address, e.g. <c>http://127.0.0.1:5123/</c>; REST lives under <c>rest/</c>.</summary>
    public Uri BaseUrl => throw new NotImplementedException();

    /// <summary>The OAuth client endpoint, <see cref="BaseUrl"/> + <c>rest/</c>.</summary>
    public Uri ClientEndpoint => throw new NotImplementedException();

    /// <summary>An incoming webhook of the admin user: <c>{BaseUrl}rest/1/{secret}/</c>.</summary>
    public Uri WebhookUrl => throw new NotImplementedException();

    /// <summary>The OAuth token endpoint (the sandbox's stand-in for <c>https://oauth.bitrix.info/oauth/token/</c>).</summary>
    public Uri TokenEndpoint => throw new NotImplementedException();

    /// <summary>The address the portal moves to on <see cref="ChangeDomain"/>.</summary>
    public Uri AlternateBaseUrl => throw new NotImplementedException();

    /// <summary>The installed application.</summary>
    public SandboxApp App => throw new NotImplementedException();

    /// <summary>Faults to inject; change them while the portal runs.</summary>
    public SandboxFaults Faults => throw new NotImplementedException();

    /// <summary>Counters so far.</summary>
    public SandboxStats Stats => throw new NotImplementedException();

    /// <summary>Starts a portal.</summary>
    public static Task<Bitrix24Sandbox> StartAsync(Bitrix24SandboxOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Issues an OAuth pair for the app as user <paramref name="userId"/> (what an installation hands the app).</summary>
    public SandboxTokens IssueTokens(int userId = 1) => throw new NotImplementedException();

    /// <summary>Makes every access token issued so far expired (refresh tokens stay valid).</summary>
    public void ExpireAccessTokens() => throw new NotImplementedException();

    /// <summary>From now on every request to <see cref="BaseUrl"/> is answered 302 to the same path on <see cref="AlternateBaseUrl"/>.</summary>
    public void ChangeDomain() => throw new NotImplementedException();

    /// <summary>Sets every counter back to zero.</summary>
    public void ResetStats() => throw new NotImplementedException();

    /// <summary>Everything the portal holds, as JSON (tokens shown only as counts).</summary>
    public JObject State() => throw new NotImplementedException();

    /// <summary>
    /// Creates <paramref name="count"/> deals directly in the state (no REST, no events), in pipeline
    /// <paramref name="categoryId"/>'s first stage; returns their ids in ascending order.
    /// </summary>
    public IReadOnlyList<int> SeedDeals(int count, int categoryId = 0) => throw new NotImplementedException();

    /// <summary>Deletes a deal directly in the state (no REST, no events), e.g. to change data under a running scan.</summary>
    public void DeleteDeal(int id) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
