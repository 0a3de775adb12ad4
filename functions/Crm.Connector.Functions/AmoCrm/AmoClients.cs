using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Http;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>
/// amoCRM clients of installations: tokens from the store (<see cref="IStore.AmoTokens"/>, by member id), requests
/// paced by the store's shared budget, HTTP from the factory (<c>AddAmoCrmHttp</c>: a timeout and a circuit breaker per
/// account host). Clients are cheap and hold no connection; callers dispose them.
/// </summary>
public sealed class AmoClients(IStore store, IOptions<AmoCrmAppOptions> options, AmoEndpoints endpoints, TimeProvider time, ILoggerFactory logs, IHttpClientFactory http)
{
    /// <summary>The integration; throws when its keys are not configured.</summary>
    public AmoOAuthApp App
    {
        get
        {
            var o = options.Value;
            return o.IsConfigured
                ? new AmoOAuthApp { ClientId = o.ClientId!, ClientSecret = o.ClientSecret!, RedirectUri = endpoints.RedirectUri }
                : throw new InvalidOperationException("AmoCrm:ClientId and AmoCrm:ClientSecret are not configured; set them to the integration's keys.");
        }
    }

    /// <summary>The client of <paramref name="installation"/> (an amoCRM one: <c>Domain</c> is its account host).</summary>
    public AmoCrmClient For(Installation installation, int? maxRetries = null)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var clientOptions = maxRetries is { } retries ? ClientOptions() with { MaxRetries = retries } : ClientOptions();
        return AmoCrmClient.ForInstallation(AmoAccountHosts.Address(installation.Domain), store.AmoTokens.StoreOf(installation.MemberId), App, clientOptions, http.CreateAmoCrmClient());
    }

    /// <summary>A token-endpoint client for the install's code exchange (no retries: a code is single-use).</summary>
    public AmoOAuthClient OAuth() => new(ClientOptions() with { MaxRetries = 0 }, http.CreateAmoCrmClient());

    /// <summary>A client over a pair not yet stored (the install, before the account id is known); the caller disposes it.</summary>
    public AmoCrmClient ForTokens(AmoAccountAddress account, IAmoTokenStore tokens, int maxRetries) =>
        AmoCrmClient.ForInstallation(account, tokens, App, ClientOptions() with { MaxRetries = maxRetries }, http.CreateAmoCrmClient());

    private AmoCrmClientOptions ClientOptions() => new()
    {
        RequestBudget = store.RequestBudget,
        TimeProvider = time,
        Logger = logs.CreateLogger("Crm.Connector.AmoCrm"),
    };
}
