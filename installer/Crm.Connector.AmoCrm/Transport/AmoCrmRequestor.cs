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
        var call = request.Call;
        var json = request.Body?.ToString(Formatting.None);
        var retries = 0;
        var refreshed = false;
        while (true)
        {
            var token = await credentials.GetAccessTokenAsync(cancellationToken);
            var response = await transport.SendAsync(account.Key, call, Build(request, token, json), cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();

            if (LostAnswer.Is(response))
            {
                var what = LostAnswer.Describe(response);
                if (!request.Idempotent && LostAnswer.MayHaveRun(response))
                {
                    TransportLog.UncertainWrite(transport.Log, account.Key, call);
                    throw Uncertain(request, what, response.ErrorException);
                }

                if (retries < Options.MaxRetries)
                {
                    await BackOffAsync(call, what, ++retries, null, cancellationToken);
                    continue;
                }

                throw new AmoCrmTransportException(call, what, LostAnswer.MayHaveRun(response), response.ErrorException);
            }

            var status = response.StatusCode;
            if (status == HttpStatusCode.Unauthorized && !refreshed)
            {
                refreshed = true;
                if (await credentials.RefreshAsync(token, cancellationToken) is not null)
                {
                    continue;
                }

                throw new AmoCrmAuthenticationException(call, status, "Unauthorized", credentials.Unrefreshable, AmoTransport.RequestId(response));
            }

            if (status == HttpStatusCode.Unauthorized)
            {
                throw new AmoCrmAuthenticationException(call, status, "Unauthorized", credentials.Unrefreshable, AmoTransport.RequestId(response));
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                var wait = AmoCrmErrorMapper.RetryAfter(AmoJson.TryParseObject(response.Content), AmoTransport.RetryAfterHeader(response));
                if (retries < Options.MaxRetries && (wait ?? TimeSpan.Zero) <= Options.MaxThrottleWait)
                {
                    await BackOffAsync(call, "429 Too Many Requests", ++retries, wait, cancellationToken);
                    continue;
                }

                throw Map(request, response);
            }

            if (status >= HttpStatusCode.InternalServerError)
            {
                if (!request.Idempotent && status is HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout)
                {
                    TransportLog.UncertainWrite(transport.Log, account.Key, call);
                    throw Uncertain(request, $"the gateway answered {(int)status} (the server may have run it)", null);
                }

                if (request.Idempotent && retries < Options.MaxRetries)
                {
                    await BackOffAsync(call, $"HTTP {(int)status}", ++retries, null, cancellationToken);
                    continue;
                }

                throw Map(request, response);
            }

            if ((int)status is < 200 or > 299)
            {
                throw Map(request, response);
            }

            if (status == HttpStatusCode.NoContent || string.IsNullOrWhiteSpace(response.Content))
            {
                return new AmoAnswer(status, null);
            }

            if (AmoJson.TryParseObject(response.Content) is { } body)
            {
                return new AmoAnswer(status, body);
            }

            // A 2xx whose body is not JSON: cut off on the way, or not amoCRM's.
            if (!request.Idempotent)
            {
                throw Uncertain(request, "the answer was not complete JSON", null);
            }

            if (retries < Options.MaxRetries)
            {
                await BackOffAsync(call, "unreadable answer", ++retries, null, cancellationToken);
                continue;
            }

            throw new AmoCrmServerException(call, status, "Unreadable answer", "the answer was not amoCRM's JSON", AmoTransport.RequestId(response));
        }
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
}
