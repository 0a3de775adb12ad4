using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.OAuth;
using Crm.Connector.Sandbox.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// Every request to the account host, in the order amoCRM's front would see it: the IP block (403 HTML, also for the
/// token endpoint), the token endpoint, then for <c>/api/v4</c>: route lookup (404/405), the rate limit (429, forced
/// or by the rolling window), the Bearer token (401), the unpaid account (402), an injected delay, the route itself
/// under the state's gate, webhooks of a successful write, and an injected dropped answer. <c>/_sandbox</c> is never
/// limited, faulted or counted.
/// </summary>
internal sealed class RequestRouter(Account account)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var path = context.Request.Path.Value ?? "/";
        if (path.StartsWith("/_sandbox/", StringComparison.Ordinal))
        {
            await ControlEndpoint.HandleAsync(account, context);
            return;
        }

        account.Stats.Request();
        if (account.Faults.IpBlocked)
        {
            account.Stats.Block();
            await Responses.WriteBlockedAsync(context, cancellationToken);
            return;
        }

        if (path.TrimEnd('/') == "/oauth2/access_token")
        {
            await TokenEndpoint.HandleAsync(account, context);
            return;
        }

        var method = context.Request.Method.ToUpperInvariant();
        var (route, args, pathKnown) = account.Routes.Match(method, path.TrimEnd('/'));
        if (route is null)
        {
            await Responses.WriteAsync(context, pathKnown ? ApiProblem.Of(405, "Method Not Allowed") : ApiProblem.Of(404, "Not Found"), cancellationToken);
            return;
        }

        account.Stats.Route(route.Key);
        if (await AdmitAsync(context, cancellationToken) is { } userId)
        {
            await RunAsync(context, route, args, method, path.TrimEnd('/'), userId, cancellationToken);
        }
    }

    /// <summary>The front's checks before a route runs: the rate limit (429), the token (401), the paid account (402).</summary>
    private async Task<long?> AdmitAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var retryAfter = TimeSpan.FromSeconds(1);
        if (account.Faults.TakeThrottle() || !account.Limiter.TryAdmit(out retryAfter))
        {
            account.Stats.Throttle();
            await Responses.WriteTooManyAsync(context, retryAfter, cancellationToken);
            return null;
        }

        if (Authenticate(context) is not { } userId)
        {
            account.Stats.Unauthorize();
            await Responses.WriteAsync(context, ApiProblem.Of(401, "Unauthorized"), cancellationToken);
            return null;
        }

        if (account.Faults.AccountUnpaid)
        {
            await Responses.WriteAsync(context, ApiProblem.Of(402, "Payment Required: the account is not paid."), cancellationToken);
            return null;
        }

        return userId;
    }

    /// <summary>The route under the state's gate, its webhooks when it wrote, and an injected delay or dropped answer.</summary>
    private async Task RunAsync(HttpContext context, Route route, IReadOnlyList<string> args, string method, string path, long userId, CancellationToken cancellationToken)
    {
        var concrete = $"{method} {path}";
        if (account.Faults.DelayFor(route.Key, concrete) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }

        JToken? body;
        try
        {
            body = await ReadBodyAsync(context, cancellationToken);
        }
        catch (JsonException)
        {
            await Responses.WriteAsync(context, ApiProblem.Of(400, "The body is not valid JSON."), cancellationToken);
            return;
        }

        var call = new ApiCall
        {
            Account = account,
            Method = method,
            Path = path,
            Args = args,
            Query = PhpQuery.Parse(context.Request.Query),
            Body = body,
            UserId = userId,
            Now = account.NowSeconds,
        };
        ApiResult result;
        lock (account.State.Gate)
        {
            try
            {
                result = route.Handler(call);
            }
            catch (ApiException e)
            {
                result = e.Result;
            }

            if (result.Succeeded && route.IsWrite)
            {
                account.Webhooks.Enqueue(call.Changes);
            }
        }

        if (result.Succeeded && route.IsWrite)
        {
            account.Stats.Write();
            if (account.Faults.CountWriteForDrops(route.Key, concrete))
            {
                account.Stats.DropAnswer();
                context.Abort();
                return;
            }
        }

        await Responses.WriteAsync(context, result, cancellationToken);
    }

    private static async Task<JToken?> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? null : JsonText.Parse(text);
    }

    /// <summary>The user of a valid <c>Authorization: Bearer</c> token, else null (missing, unknown, expired or revoked).</summary>
    private long? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var (check, userId) = account.Tokens.Check(header["Bearer ".Length..].Trim());
        return check == TokenCheck.Valid ? userId : null;
    }
}
