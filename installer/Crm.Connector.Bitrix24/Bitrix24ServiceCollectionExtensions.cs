using System.Net;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

// In the namespace of IServiceCollection, as registrations usually are: a host adds it with one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registration of the Bitrix24 client's HTTP plumbing.</summary>
public static class Bitrix24ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the named <see cref="HttpClient"/> <see cref="Bitrix24Http.ClientName"/> (take it with
    /// <see cref="Bitrix24Http.CreateBitrix24Client"/> and give it to <see cref="Bitrix24Client"/>): handlers pooled and
    /// renewed by the factory (DNS changes are seen), redirects not followed (a portal that moved answers 302, and the
    /// client must re-POST there — a handler following it would send a GET without the body), and from
    /// Microsoft.Extensions.Http.Resilience a timeout per attempt and a circuit breaker per portal host
    /// (<see cref="Bitrix24HttpOptions"/>). No generic retry, and no default request logging (a webhook's URL is its
    /// secret; the client logs its own lines, with portal and method).
    /// </summary>
    public static IHttpClientBuilder AddBitrix24Http(this IServiceCollection services, Action<Bitrix24HttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<Bitrix24HttpOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        var builder = services.AddHttpClient(Bitrix24Http.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.All,
            })
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();
        builder.AddResilienceHandler(Bitrix24Http.PipelineName, static (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<Bitrix24HttpOptions>>().Value;
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
    /// What counts against a host: no answer (connection failures, attempt timeouts) and server failures. Not 503 or 429:
    /// Bitrix24 answers those for its rate limit and per-method time budget, which the client paces itself — a busy
    /// portal is not a broken one. Not a caller's cancellation either.
    /// </summary>
    private static bool IsHostFailure(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result.StatusCode: HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout } => true,
        _ => false,
    };
}
