using System.Net;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

// In the namespace of IServiceCollection, as registrations usually are: a host adds it with one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the amoCRM client's HTTP plumbing.</summary>
public static class AmoCrmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the named <see cref="HttpClient"/> <see cref="AmoCrmHttp.ClientName"/> (take it with
    /// <see cref="AmoCrmHttp.CreateAmoCrmClient"/> and give it to <see cref="AmoCrmClient"/>): handlers pooled and renewed
    /// by the factory, redirects not followed, and from Microsoft.Extensions.Http.Resilience a timeout per attempt and a
    /// circuit breaker per account host (<see cref="AmoCrmHttpOptions"/>). No retry here — the client retries what is safe
    /// to retry, and a second layer would double the requests — and no default request logging (the client logs its own
    /// lines, without tokens).
    /// </summary>
    public static IHttpClientBuilder AddAmoCrmHttp(this IServiceCollection services, Action<AmoCrmHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<AmoCrmHttpOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var builder = services.AddHttpClient(AmoCrmHttp.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        builder.AddResilienceHandler(AmoCrmHttp.PipelineName, static (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<AmoCrmHttpOptions>>().Value;
                pipeline.TimeProvider = context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System;
                pipeline
                    .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                    {
                        FailureRatio = o.FailureRatio,
                        MinimumThroughput = o.MinimumThroughput,
                        SamplingDuration = o.SamplingDuration,
                        BreakDuration = o.BreakDuration,
                        ShouldHandle = args => ValueTask.FromResult(IsHostFailure(args.Outcome)),
                    })
                    .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = o.AttemptTimeout });
            })
            .SelectPipelineByAuthority();
        return builder;
    }

    /// <summary>
    /// What counts against a host: no answer and server failures. Not 429 (the client paces itself; a busy account is
    /// not a broken one), not 403 (an IP block the client handles on its own), not a caller's cancellation.
    /// </summary>
    private static bool IsHostFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
