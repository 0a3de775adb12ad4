using System.Net;
using Crm.Connector.AmoCrm.Auth;
using Crm.Connector.AmoCrm.Errors;
using Newtonsoft.Json;
using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>
/// The one way an API call reaches an account. In order: the access token (refreshed first when about to expire); the
/// request through <see cref="AmoTransport"/> (block check, request budget); then the answer:
/// <list type="bullet">
/// <item>401 → one refresh and one more try; again 401 (or no refresh possible) → <see cref="AmoCrmAuthenticationException"/>;</item>
/// <item>429 → wait what <c>retry_after</c>/Retry-After says (up to <see cref="AmoCrmClientOptions.MaxThrottleWait"/>) and
/// retry — a 429 never ran, whatever the verb;</item>
/// <item>5xx → retried with back-off when the call is idempotent (reads, PATCH, DELETE); a create answered 502/504, like a
/// create whose answer was lost (timeout, reset, cut-off body), raises <see cref="AmoCrmUncertainWriteException"/> and is
/// never sent again;</item>
/// <item>204 → an empty answer; anything else → <see cref="AmoCrmErrorMapper"/>.</item>
/// </list>
/// </summary>
internal sealed class AmoCrmRequestor(AmoAccountAddress account, AmoCredentials credentials, AmoTransport transport)
{
    public AmoAccountAddress Account => account;

    public AmoTransport Transport => transport;

    public AmoCrmClientOptions Options => transport.Options;

    public async Task<AmoAnswer> SendAsync(AmoRequest request, CancellationToken cancellationToken)
    {
        var attempt = new Attempt(request, request.Body?.ToString(Formatting.None));
        while (true)
        {
            var token = await credentials.GetAccessTokenAsync(cancellationToken);
            var response = await transport.SendAsync(account.Key, request.Call, Build(request, token, attempt.Json), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            var retry = LostAnswer.Is(response) ? await LostAsync(attempt, response, cancellationToken)
                : response.StatusCode == HttpStatusCode.Unauthorized ? await UnauthorizedAsync(attempt, response, token, cancellationToken)
                : response.StatusCode == HttpStatusCode.TooManyRequests ? await ThrottledAsync(attempt, response, cancellationToken)
                : response.StatusCode >= HttpStatusCode.InternalServerError ? await ServerFailedAsync(attempt, response, cancellationToken)
                : (int)response.StatusCode is < 200 or > 299 ? throw Map(request, response)
                : Answer(response) is { } answer ? attempt.Done(answer)
                : await UnreadableAsync(attempt, response, cancellationToken);
            if (!retry)
            {
                return attempt.Answer!;
            }
        }
    }

    /// <summary>No complete answer: a create that may have run is never sent again; anything else is retried.</summary>
    private async Task<bool> LostAsync(Attempt attempt, RestResponse response, CancellationToken cancellationToken)
    {
        var request = attempt.Request;
        var what = LostAnswer.Describe(response);
        if (!request.Idempotent && LostAnswer.MayHaveRun(response))
        {
            TransportLog.UncertainWrite(transport.Log, account.Key, request.Call);
            throw Uncertain(request, what, response.ErrorException);
        }

        if (attempt.Retries < Options.MaxRetries)
        {
            await BackOffAsync(request.Call, what, ++attempt.Retries, null, cancellationToken);
            return true;
        }

        throw new AmoCrmTransportException(request.Call, what, LostAnswer.MayHaveRun(response), response.ErrorException);
    }

    /// <summary>401: one refresh and one more try; then the token is not accepted.</summary>
    private async Task<bool> UnauthorizedAsync(Attempt attempt, RestResponse response, string token, CancellationToken cancellationToken)
    {
        if (!attempt.Refreshed)
        {
            attempt.Refreshed = true;
            if (await credentials.RefreshAsync(token, cancellationToken) is not null)
            {
                return true;
            }
        }

        throw new AmoCrmAuthenticationException(attempt.Request.Call, response.StatusCode, "Unauthorized", credentials.Unrefreshable, AmoTransport.RequestId(response));
    }

    /// <summary>429 never ran: wait what the account asks (up to <see cref="AmoCrmClientOptions.MaxThrottleWait"/>) and retry.</summary>
    private async Task<bool> ThrottledAsync(Attempt attempt, RestResponse response, CancellationToken cancellationToken)
    {
        var wait = AmoCrmErrorMapper.RetryAfter(AmoJson.TryParseObject(response.Content), AmoTransport.RetryAfterHeader(response));
        if (attempt.Retries < Options.MaxRetries && (wait ?? TimeSpan.Zero) <= Options.MaxThrottleWait)
        {
            await BackOffAsync(attempt.Request.Call, "429 Too Many Requests", ++attempt.Retries, wait, cancellationToken);
            return true;
        }

        throw Map(attempt.Request, response);
    }

    /// <summary>5xx: retried when the call may be repeated; a create answered by a gateway may have run.</summary>
    private async Task<bool> ServerFailedAsync(Attempt attempt, RestResponse response, CancellationToken cancellationToken)
    {
        var request = attempt.Request;
        var status = response.StatusCode;
        if (!request.Idempotent && status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
        {
            TransportLog.UncertainWrite(transport.Log, account.Key, request.Call);
            throw Uncertain(request, $"the gateway answered {(int)status} (the server may have run it)", null);
        }

        if (request.Idempotent && attempt.Retries < Options.MaxRetries)
        {
            await BackOffAsync(request.Call, $"HTTP {(int)status}", ++attempt.Retries, null, cancellationToken);
            return true;
        }

        throw Map(request, response);
    }

    /// <summary>A 2xx as an answer: empty for 204 or no body, the JSON otherwise; null when the body is not JSON.</summary>
    private static AmoAnswer? Answer(RestResponse response) =>
        response.StatusCode == HttpStatusCode.NoContent || string.IsNullOrWhiteSpace(response.Content) ? new AmoAnswer(response.StatusCode, null)
        : AmoJson.TryParseObject(response.Content) is { } body ? new AmoAnswer(response.StatusCode, body)
        : null;

    /// <summary>A 2xx whose body is not JSON: cut off on the way, or not amoCRM's.</summary>
    private async Task<bool> UnreadableAsync(Attempt attempt, RestResponse response, CancellationToken cancellationToken)
    {
        var request = attempt.Request;
        if (!request.Idempotent)
        {
            throw Uncertain(request, "the answer was not complete JSON", null);
        }

        if (attempt.Retries < Options.MaxRetries)
        {
            await BackOffAsync(request.Call, "unreadable answer", ++attempt.Retries, null, cancellationToken);
            return true;
        }

        throw new AmoCrmServerException(request.Call, response.StatusCode, "Unreadable answer", "the answer was not amoCRM's JSON", AmoTransport.RequestId(response));
    }

    private RestRequest Build(AmoRequest request, string token, string? json)
    {
        var rest = new RestRequest(new Uri(account.BaseUrl, request.Path), request.Method);
        foreach (var (name, value) in request.Query)
        {
            rest.AddQueryParameter(name, value);
        }

        rest.AddHeader("Authorization", "Bearer " + token);
        if (json is not null)
        {
            rest.AddStringBody(json, ContentType.Json);
        }

        return rest;
    }

    private async Task BackOffAsync(string call, string reason, int attempt, TimeSpan? asked, CancellationToken cancellationToken)
    {
        var delay = asked ?? Backoff(attempt);
        transport.Counters.Retry();
        TransportLog.Retrying(transport.Log, account.Key, call, reason, attempt, delay);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, transport.Time, cancellationToken);
        }
    }

    private TimeSpan Backoff(int attempt)
    {
        var ticks = Options.RetryBaseDelay.Ticks * Math.Pow(2, Math.Min(attempt - 1, 16));
        return TimeSpan.FromTicks((long)Math.Min(ticks, Options.RetryMaxDelay.Ticks));
    }

    private AmoCrmException Map(AmoRequest request, RestResponse response) => AmoCrmErrorMapper.Map(
        request.Call,
        response.StatusCode,
        response.Content,
        AmoTransport.RequestId(response),
        new AmoErrorContext(account.Key, transport.Time.GetUtcNow() + Options.BlockedPause, request.Noun, request.Indexes, request.Offset));

    private static AmoCrmUncertainWriteException Uncertain(AmoRequest request, string what, Exception? inner) => new(
        request.Call,
        $"{what}; the request may have run, and is not sent again — look for what it creates before retrying",
        request.Indexes?.Keys.ToList() ?? [],
        inner);

    /// <summary>One call's attempts so far.</summary>
    private sealed class Attempt(AmoRequest request, string? json)
    {
        public AmoRequest Request { get; } = request;

        public string? Json { get; } = json;

        public int Retries { get; set; }

        public bool Refreshed { get; set; }

        public AmoAnswer? Answer { get; private set; }

        /// <summary>Records the answer; false: no retry.</summary>
        public bool Done(AmoAnswer answer)
        {
            Answer = answer;
            return false;
        }
    }
}
