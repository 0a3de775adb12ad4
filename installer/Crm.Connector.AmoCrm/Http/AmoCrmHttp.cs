namespace Crm.Connector.AmoCrm.Http;

/// <summary>Names of what <see cref="Microsoft.Extensions.DependencyInjection.AmoCrmServiceCollectionExtensions.AddAmoCrmHttp"/> registers.</summary>
public static class AmoCrmHttp
{
    /// <summary>The named <see cref="HttpClient"/> for account hosts (API and token endpoint).</summary>
    public const string ClientName = "Crm.Connector.AmoCrm";

    /// <summary>The resilience handler (timeout and circuit breaker, one pipeline per host).</summary>
    public const string PipelineName = "amocrm";

    /// <summary>An <see cref="HttpClient"/> for amoCRM from the factory (cheap; the handler is pooled by the factory).</summary>
    public static HttpClient CreateAmoCrmClient(this IHttpClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(ClientName);
    }
}
