using System.Collections.Concurrent;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Http;
using Crm.Connector.Limits;
using Crm.Connector.Storage;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Bitrix24;

/// <summary>
/// One Bitrix24 client per installation, kept for the life of the process: tokens from the store (refreshed
/// single-flight across every instance), requests paced by the store's shared budget, so all instances together stay
/// under the portal's limit. Their HTTP clients come from <see cref="IHttpClientFactory"/> (<c>AddBitrix24Http</c>):
/// connections are pooled and renewed by the factory, with a timeout and a circuit breaker per portal host, so a
/// portal's client holds no connection of its own and forgetting it leaks nothing.
/// </summary>
public sealed class PortalClients(IStore store, IOptions<Bitrix24AppOptions> options, TimeProvider time, ILoggerFactory logs, IHttpClientFactory http) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Bitrix24Client>> _clients = new(StringComparer.Ordinal);

    /// <summary>The OAuth app the tokens belong to; throws when the app has no client id or secret configured.</summary>
    public OAuthAppOptions App
    {
        get
        {
            var o = options.Value;
            return string.IsNullOrEmpty(o.ClientId) || string.IsNullOrEmpty(o.ClientSecret)
                ? throw new InvalidOperationException("Bitrix24:ClientId and Bitrix24:ClientSecret are not configured; set them to the app's OAuth credentials from its version card.")
                : new OAuthAppOptions { ClientId = o.ClientId, ClientSecret = o.ClientSecret, TokenEndpoint = o.TokenEndpoint };
        }
    }

    /// <summary>The client for portal <paramref name="memberId"/> on <paramref name="plan"/> (Enterprise is paced at its own limit).</summary>
    public Bitrix24Client For(string memberId, string? plan) =>
        _clients.GetOrAdd(memberId, m => new Lazy<Bitrix24Client>(() => Bitrix24Client.ForInstallation(m, store.Tokens, App, http.CreateBitrix24Client(), ClientOptions(plan)))).Value;

    /// <summary>
    /// A short-lived client for checking an install message's own tokens (kept in <paramref name="tokens"/>, not yet in
    /// the store) before anything is stored; the caller disposes it. Its HTTP client comes from the factory too.
    /// </summary>
    public Bitrix24Client ForTokens(string memberId, ITokenStore tokens, int maxRetries) =>
        Bitrix24Client.ForInstallation(memberId, tokens, App, http.CreateBitrix24Client(), ClientOptions(null) with { MaxRetries = maxRetries });

    /// <summary>Client options for an installation (also used for the install check with the message's own tokens).</summary>
    public Bitrix24ClientOptions ClientOptions(string? plan) => new()
    {
        RequestBudget = store.RequestBudget,
        RateLimit = RateLimit.ForPlan(plan),
        TimeProvider = time,
        Logger = logs.CreateLogger("Crm.Connector.Bitrix24"),
    };

    /// <summary>Forgets a portal's client (after uninstall or a new install with other tokens).</summary>
    public void Forget(string memberId)
    {
        if (_clients.TryRemove(memberId, out var client) && client.IsValueCreated)
        {
            client.Value.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }
}
