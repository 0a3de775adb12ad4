namespace Crm.Connector.Bitrix24.Http;

/// <summary>Names of what <see cref="Microsoft.Extensions.DependencyInjection.Bitrix24ServiceCollectionExtensions.AddBitrix24Http"/> registers.</summary>
public static class Bitrix24Http
{
    /// <summary>The named <see cref="HttpClient"/> for portals and the OAuth server.</summary>
    public const string ClientName = "Crm.Connector.Bitrix24";

    /// <summary>The resilience handler (timeout and circuit breaker, one pipeline per host).</summary>
    public const string PipelineName = "bitrix24";

    /// <summary>An <see cref="HttpClient"/> for Bitrix24 from the factory (cheap; the handler is pooled by the factory).</summary>
    public static HttpClient CreateBitrix24Client(this IHttpClientFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return factory.CreateClient(ClientName);
    }
}
