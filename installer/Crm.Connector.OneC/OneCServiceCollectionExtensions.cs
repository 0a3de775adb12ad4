using Crm.Connector.OneC;

// In the namespace of IServiceCollection, as registrations usually are: a host adds it with one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the 1C OData client.</summary>
public static class OneCServiceCollectionExtensions
{
    /// <summary>The timeout of one HTTP request to 1C (a large page of documents on a slow base takes seconds).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registers the named <see cref="HttpClient"/> <see cref="OneCAccountingFactory.HttpClientName"/> (30 s timeout, redirects
    /// not followed: a POST must not turn into a GET) and <see cref="OneCAccountingFactory"/> as a singleton. No retry
    /// handler: the client retries reads itself and never re-sends writes.
    /// </summary>
    public static IServiceCollection AddOneC(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHttpClient(OneCAccountingFactory.HttpClientName, http => http.Timeout = RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton(sp => new OneCAccountingFactory(
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }
}
