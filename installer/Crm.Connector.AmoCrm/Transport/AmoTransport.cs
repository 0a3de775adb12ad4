using System.Net;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.Limits;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>
/// Every HTTP request to an account, API or token endpoint, goes through here: refused at once while the account is
/// blocked; counted in the account's request budget (<c>"amocrm:" + key</c>) as it leaves, a 429 telling the budget the
/// account's window is full for everyone sharing it; an IP block recorded for the whole process and reported once.
/// </summary>
internal sealed class AmoTransport
{
    private readonly IRestClient _http;
    private readonly IRequestBudget _budget;
    private readonly AmoCrmClientOptions _options;
    private readonly AccountBlocks _blocks;

    public AmoTransport(IRestClient http, AmoCrmClientOptions options, ClientCounters counters, AccountBlocks? blocks = null)
    {
        _http = http;
        _options = options;
        Counters = counters;
        _blocks = blocks ?? AccountBlocks.Shared;
        _budget = options.RequestBudget ?? InMemoryRequestBudget.Shared;
        Time = options.TimeProvider ?? TimeProvider.System;
        Log = options.Logger ?? NullLogger.Instance;
    }

    public TimeProvider Time { get; }

    public ILogger Log { get; }

    public ClientCounters Counters { get; }

    public AmoCrmClientOptions Options => _options;

    /// <summary>The budget key of an account.</summary>
    public static string BudgetKey(string accountKey) => "amocrm:" + accountKey;

    /// <summary>Sends one request; never throws for an HTTP status except the IP block.</summary>
    public async Task<RestResponse> SendAsync(string accountKey, string call, RestRequest request, CancellationToken cancellationToken)
    {
        ThrowIfBlocked(accountKey, call);
        using var permit = await _budget.AcquireAsync(BudgetKey(accountKey), _options.RateLimit, cancellationToken);

        // Another caller may have met the block while this one waited for its turn.
        ThrowIfBlocked(accountKey, call);
        Counters.Request();
        var response = await _http.ExecuteAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            Counters.Throttle();
            await permit.RefusedAsync(CancellationToken.None);
        }
        else if (response.StatusCode != 0)
        {
            permit.Accepted();
        }

        if (response.StatusCode == HttpStatusCode.Forbidden && AmoCrmErrorMapper.IsIpBlock(response.StatusCode, AmoJson.TryParseObject(response.Content)))
        {
            var now = Time.GetUtcNow();
            var until = now + _options.BlockedPause;
            var error = (AmoCrmAccountBlockedException)AmoCrmErrorMapper.Map(call, response.StatusCode, response.Content, RequestId(response), new AmoErrorContext(accountKey, until));
            if (_blocks.Block(accountKey, now, until))
            {
                TransportLog.Blocked(Log, accountKey, call, until);
                _options.OnBlocked?.Invoke(accountKey, error.Detail);
            }

            throw error;
        }

        return response;
    }

    /// <summary>The answer's <c>X-Request-Id</c>.</summary>
    public static string? RequestId(RestResponse response) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "X-Request-Id", StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>The answer's Retry-After header.</summary>
    public static string? RetryAfterHeader(RestResponse response) =>
        response.Headers?.FirstOrDefault(h => string.Equals(h.Name, "Retry-After", StringComparison.OrdinalIgnoreCase))?.Value;

    private void ThrowIfBlocked(string accountKey, string call)
    {
        if (_blocks.BlockedUntil(accountKey, Time.GetUtcNow()) is { } until)
        {
            throw new AmoCrmAccountBlockedException(call, accountKey, until, "the account's IP was blocked (403) and the pause is not over; nothing was sent", null);
        }
    }
}
