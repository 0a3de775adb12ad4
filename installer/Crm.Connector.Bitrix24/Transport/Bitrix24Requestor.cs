using System.Net;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Bitrix24.Limits;
using Crm.Connector.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Polly;
using Polly.Retry;
using RestSharp;

namespace Crm.Connector.Bitrix24.Transport;

/// <summary>
/// The one way a call reaches a portal. In order: wait for the method's execution-time budget and the portal's request
/// budget (which counts the request as it leaves and hears how the portal answered: a 503 counts the bucket full for
/// everyone sharing the budget); POST JSON to <c>{endpoint}{method}.json</c> with the access token; follow a 302 from a
/// renamed portal by re-POSTing to the new address; on <c>expired_token</c> refresh (single-flight, stored first) and
/// repeat — again when the token handed over was one another instance stored that has expired since, never after a
/// refresh of its own; map errors in one place; repeat what is safe to repeat (Polly): rate-limit answers (they never
/// ran), blocked methods once their window resets, and failures of idempotent methods — never a creating call that may
/// have run.
/// </summary>
public sealed class Bitrix24Requestor
{
    private readonly Bitrix24Credentials _credentials;
    private readonly Bitrix24ClientOptions _options;
    private readonly IRestClient _http;
    private readonly TimeProvider _time;
    private readonly IRequestBudget _budget;
    private readonly OperatingTimeTracker _operating;
    private readonly ILogger _log;
    private readonly ResiliencePipeline _retry;
    private readonly RateLimit _limit;
    private int _requests;
    private int _retries;
    private int _refreshes;
    private int _redirects;
    private int _queryLimitAnswers;

    public Bitrix24Requestor(Bitrix24Credentials credentials, Bitrix24ClientOptions options, IRestClient http)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(options);
        _credentials = credentials;
        _options = options;
        _http = http;
        _time = options.TimeProvider ?? TimeProvider.System;
        _budget = options.RequestBudget ?? InMemoryRequestBudget.Shared;
        _operating = new OperatingTimeTracker(options.OperatingTimeLimit, options.OperatingSafetyShare, _time);
        _log = options.Logger ?? NullLogger.Instance;
        _retry = BuildRetry();

        // Requests reach the portal a little later and in a slightly different order than they leave: keep a margin.
        _limit = new RateLimit(Math.Max(1, options.RateLimit.Burst - options.BurstMargin), options.RateLimit.DrainPerSecond * options.DrainMargin);
    }

    /// <summary>Raised when the portal answered from a new address.</summary>
    public event EventHandler<EndpointMovedEventArgs>? EndpointMoved;

    public Bitrix24Credentials Credentials => _credentials;

    public TimeProvider Time => _time;

    /// <summary>Requests, retries, refreshes and redirects so far.</summary>
    public ClientStatistics Statistics => new(
        Volatile.Read(ref _requests),
        Volatile.Read(ref _retries),
        Volatile.Read(ref _refreshes),
        Volatile.Read(ref _redirects),
        Volatile.Read(ref _queryLimitAnswers));

    /// <summary>Calls <paramref name="method"/>; repeats it only when that is known to be safe.</summary>
    public Task<Bitrix24Response> CallAsync(string method, JObject? parameters, CancellationToken cancellationToken = default) =>
        CallAsync(method, parameters, MethodSafety.IsIdempotent(method), cancellationToken);

    /// <summary>Calls <paramref name="method"/>, with its idempotency stated by the caller (a batch knows its commands).</summary>
    public Task<Bitrix24Response> CallAsync(string method, JObject? parameters, bool idempotent, CancellationToken cancellationToken = default) =>
        CallAsync(method, parameters, idempotent, sent: null, cancellationToken);

    /// <summary>
    /// As <see cref="CallAsync(string, JObject?, bool, CancellationToken)"/>, completing <paramref name="sent"/> once the
    /// request budget has let the first attempt leave: a caller with more requests to send starts the next one then, so
    /// that requests go out together while the bucket has room and queue one at a time when it has not.
    /// </summary>
    internal async Task<Bitrix24Response> CallAsync(string method, JObject? parameters, bool idempotent, TaskCompletionSource? sent, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(MethodKey, method);
        try
        {
            return await _retry.ExecuteAsync(
                static async (ctx, state) => await state.Self.CallWithAuthAsync(state.Method, state.Parameters, state.Idempotent, state.Sent, ctx.CancellationToken),
                context,
                (Self: this, Method: method, Parameters: parameters, Idempotent: idempotent, Sent: sent));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static readonly ResiliencePropertyKey<string> MethodKey = new("bitrix24.method");

    /// <summary>
    /// Sends with the current token; on <c>expired_token</c> replaces it and sends again. The replacement may be a token
    /// another caller or instance stored a while ago, which the portal can have expired again since (tokens expired twice
    /// in quick succession on several instances): expired again, it is replaced again — single-flight through the store
    /// each time, at most <see cref="Bitrix24ClientOptions.MaxTokenRefreshes"/> times. A token this call refreshed
    /// itself and the portal still calls expired ends it: another exchange would not be fresher.
    /// </summary>
    private async Task<Bitrix24Response> CallWithAuthAsync(string method, JObject? parameters, bool idempotent, TaskCompletionSource? sent, CancellationToken cancellationToken)
    {
        var token = await _credentials.GetAccessTokenAsync(cancellationToken);
        var refreshedHere = false;
        for (var refreshes = 0; ; refreshes++)
        {
            try
            {
                return await SendAsync(method, parameters, token, idempotent, sent, cancellationToken);
            }
            catch (Bitrix24ExpiredTokenException) when (!refreshedHere && refreshes < Math.Max(1, _options.MaxTokenRefreshes))
            {
                TransportLog.Refreshing(_log, _credentials.PortalKey, method);
                var refresh = await _credentials.RefreshAsync(token, cancellationToken);
                if (refresh.Outcome == TokenRefreshOutcome.NotRefreshable)
                {
                    throw;
                }

                Interlocked.Increment(ref _refreshes);
                refreshedHere = refresh.Outcome == TokenRefreshOutcome.Refreshed;
                token = refresh.AccessToken;
            }
        }
    }

    private async Task<Bitrix24Response> SendAsync(string method, JObject? parameters, string? accessToken, bool idempotent, TaskCompletionSource? sent, CancellationToken cancellationToken)
    {
        var hold = _operating.DelayFor(method);
        if (hold > TimeSpan.Zero)
        {
            TransportLog.OperatingWait(_log, _credentials.PortalKey, method, hold);
            await Task.Delay(hold, _time, cancellationToken);
        }

        // Everything that takes time is done before the request is counted: counted means sent.
        var body = parameters is null ? [] : (JObject)parameters.DeepClone();
        if (accessToken is not null)
        {
            body["auth"] = accessToken;
        }

        var json = body.ToString(Formatting.None);
        var endpoint = await _credentials.GetEndpointAsync(cancellationToken);
        using var permit = await _budget.AcquireAsync(_credentials.PortalKey, _limit, cancellationToken);
        sent?.TrySetResult();
        try
        {
            return await SendCountedAsync(method, json, endpoint, idempotent, permit, cancellationToken);
        }
        catch (Bitrix24QueryLimitExceededException)
        {
            // Everyone sharing the budget must see the bucket full before this call's retry, or anyone else, goes on.
            await permit.RefusedAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<Bitrix24Response> SendCountedAsync(string method, string json, Uri endpoint, bool idempotent, RequestPermit permit, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            var request = new RestRequest(new Uri(endpoint, method + ".json"), Method.Post).AddStringBody(json, ContentType.Json);
            Interlocked.Increment(ref _requests);
            var response = await _http.ExecuteAsync(request, cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            if (IsRedirect(response.StatusCode) && Location(response) is { } location && redirects < _options.MaxRedirects)
            {
                // A renamed portal answers 302 from the old address; a POST must be sent again, not turned into a GET
                // (bitrix24-rest.md §2.5).
                var moved = new UriBuilder(endpoint) { Scheme = location.Scheme, Host = location.Host, Port = location.Port }.Uri;
                await _credentials.MoveToAsync(moved, cancellationToken);
                Interlocked.Increment(ref _redirects);
                TransportLog.Moved(_log, _credentials.PortalKey, endpoint.Authority, moved.Authority);
                EndpointMoved?.Invoke(this, new EndpointMovedEventArgs(endpoint, moved));
                endpoint = moved;
                continue;
            }

            return Interpret(method, endpoint, response, idempotent, permit);
        }
    }

    private Bitrix24Response Interpret(string method, Uri endpoint, RestResponse response, bool idempotent, RequestPermit permit)
    {
        if (TransportFailure.NoAnswer(response))
        {
            throw TransportFailure.From(method, endpoint, response, idempotent, _options.Timeout);
        }

        var body = Bitrix24Json.TryParseObject(response.Content);
        if (body?["error"] is { } error && error.Type != JTokenType.Null)
        {
            var code = error.Type == JTokenType.String ? error.Value<string>() : error.ToString(Formatting.None);
            var exception = Bitrix24ErrorMapper.Map(method, code, body.Value<string>("error_description"), response.StatusCode, idempotent, ResponseTime.From(body["time"])?.OperatingResetAt);
            if (exception is Bitrix24QueryLimitExceededException)
            {
                Interlocked.Increment(ref _queryLimitAnswers);
            }
            else if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                // Past the limiter: the portal answered the method itself. (Another 503 — a block by support — says nothing.)
                permit.Accepted();
            }

            throw exception;
        }

        if (!response.IsSuccessStatusCode || body is null)
        {
            // Not Bitrix24's JSON (a proxy's HTML page, an empty body): the status says the rest.
            var text = response.Content is { Length: > 0 } content ? content[..Math.Min(content.Length, 200)] : "empty answer";
            throw Bitrix24ErrorMapper.Map(method, response.IsSuccessStatusCode ? Bitrix24ErrorCodes.UnexpectedAnswer : null, $"not a Bitrix24 answer: {text}", response.StatusCode, idempotent);
        }

        permit.Accepted();
        var result = Bitrix24Response.From(body);
        if (result.Time is { } time)
        {
            _operating.Observe(method, time.Operating, time.OperatingResetAt);
        }

        return result;
    }

    private ResiliencePipeline BuildRetry() => new ResiliencePipelineBuilder { TimeProvider = _time }
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, _options.MaxRetries),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = _options.RetryBaseDelay,
            MaxDelay = _options.RetryMaxDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is Bitrix24Exception { IsTransient: true } e && !BlockedTooLong(e)),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception switch
            {
                // Blocked until the window resets: wait exactly that long (plus a second for clock skew).
                Bitrix24OperationTimeLimitException { ResetAt: { } at } => (TimeSpan?)Max(at - _time.GetUtcNow() + TimeSpan.FromSeconds(1), TimeSpan.Zero),

                // QUERY_LIMIT_EXCEEDED takes the default exponential back-off: the portal's budget is being spent by
                // someone else too, and the bucket (now marked full) alone would repeat at our own pace.
                _ => null,
            }),
            OnRetry = args =>
            {
                Interlocked.Increment(ref _retries);
                var code = args.Outcome.Exception is Bitrix24Exception { Code.Length: > 0 } e ? e.Code : args.Outcome.Exception?.GetType().Name ?? "error";
                TransportLog.Retrying(_log, _credentials.PortalKey, args.Context.Properties.GetValue(MethodKey, "?"), code, args.AttemptNumber + 1, args.RetryDelay);
                return ValueTask.CompletedTask;
            },
        })
        .Build();

    private bool BlockedTooLong(Bitrix24Exception exception) =>
        exception is Bitrix24OperationTimeLimitException { ResetAt: { } at } && at - _time.GetUtcNow() > _options.MaxOperatingWait;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.Moved or HttpStatusCode.Redirect or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static Uri? Location(RestResponse response)
    {
        var value = response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Location", StringComparison.OrdinalIgnoreCase))?.Value;
        return value is not null && Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;
    }
}
