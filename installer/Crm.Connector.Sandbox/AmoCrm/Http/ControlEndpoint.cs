using Crm.Connector.Sandbox.AmoCrm.Core;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// <c>/_sandbox/*</c>: inspection and control (curl-friendly), not part of amoCRM; never limited, faulted or counted.
/// GET stats, GET state, POST reset-stats, POST expire-tokens, POST tokens (a fresh admin pair), GET|PUT faults
/// (<c>{ipBlocked, accountUnpaid, throttleNext, delay:{route, ms}}</c>), POST install-app <c>{url, state?}</c>,
/// POST uninstall-app <c>{url}</c>.
/// </summary>
internal static class ControlEndpoint
{
    public static async Task HandleAsync(Account account, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var action = context.Request.Path.Value!["/_sandbox/".Length..].TrimEnd('/');
        var method = context.Request.Method;
        try
        {
            var answer = action switch
            {
                "stats" when HttpMethods.IsGet(method) => Stats(account),
                "state" when HttpMethods.IsGet(method) => StateSnapshot.Build(account),
                "reset-stats" when HttpMethods.IsPost(method) => Do(account.Stats.Reset),
                "expire-tokens" when HttpMethods.IsPost(method) => Do(account.Tokens.ExpireAccessTokens),
                "tokens" when HttpMethods.IsPost(method) => Tokens(account),
                "faults" when HttpMethods.IsGet(method) => JObject.FromObject(account.Faults.Describe()),
                "faults" when HttpMethods.IsPut(method) || HttpMethods.IsPost(method) => ApplyFaults(account, await ReadAsync(context, cancellationToken)),
                "install-app" when HttpMethods.IsPost(method) => await InstallAsync(account, await ReadAsync(context, cancellationToken), cancellationToken),
                "uninstall-app" when HttpMethods.IsPost(method) => await UninstallAsync(account, await ReadAsync(context, cancellationToken), cancellationToken),
                _ => null,
            };
            if (answer is null)
            {
                await Responses.WriteJsonAsync(context, 404, new JObject { ["error"] = "Sandbox routes: GET stats, GET state, GET|PUT faults, POST reset-stats, POST expire-tokens, POST tokens, POST install-app, POST uninstall-app." }, cancellationToken);
                return;
            }

            await Responses.WriteJsonAsync(context, 200, answer, cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or JsonException or FormatException)
        {
            await Responses.WriteJsonAsync(context, 400, new JObject { ["error"] = e.Message }, cancellationToken);
        }
    }

    public static JObject Stats(Account account)
    {
        var stats = account.Stats;
        return new JObject
        {
            ["requests"] = stats.Requests,
            ["throttled"] = stats.Throttled,
            ["unauthorized"] = stats.Unauthorized,
            ["writes"] = stats.Writes,
            ["blocked"] = stats.Blocked,
            ["droppedAnswers"] = stats.DroppedAnswers,
            ["refreshes"] = stats.Refreshes,
            ["refreshFailures"] = stats.RefreshFailures,
            ["webhooksQueued"] = stats.WebhooksQueued,
            ["webhooksDelivered"] = stats.WebhooksDelivered,
            ["webhooksFailed"] = stats.WebhooksFailed,
            ["byRoute"] = JObject.FromObject(stats.ByRoute),
        };
    }

    public static JObject Describe(AmoSandboxInstallResult result) => new()
    {
        ["url"] = result.Url.GetLeftPart(UriPartial.Path),
        ["status"] = result.StatusCode,
        ["succeeded"] = result.Succeeded,
        ["body"] = result.Body.Length <= 500 ? result.Body : result.Body[..500],
        ["error"] = result.Error,
    };

    private static JObject Do(Action action)
    {
        action();
        return new JObject { ["ok"] = true };
    }

    private static JObject Tokens(Account account)
    {
        var tokens = account.Tokens.Issue(account.State.AdminId);
        return new JObject { ["access_token"] = tokens.AccessToken, ["refresh_token"] = tokens.RefreshToken, ["expires_at"] = tokens.ExpiresAt.ToUnixTimeSeconds() };
    }

    private static JObject ApplyFaults(Account account, JObject body)
    {
        var faults = account.Faults;
        if (body.Value<bool?>("ipBlocked") is { } blocked)
        {
            faults.IpBlocked = blocked;
        }

        if (body.Value<bool?>("accountUnpaid") is { } unpaid)
        {
            faults.AccountUnpaid = unpaid;
        }

        if (body.Value<int?>("throttleNext") is { } throttle)
        {
            faults.ThrottleNext(throttle);
        }

        if (body["delay"] is JObject delay && delay.Value<string>("route") is { } route)
        {
            faults.SetDelay(route, TimeSpan.FromMilliseconds(delay.Value<double?>("ms") ?? 0));
        }

        if (body.Value<bool?>("clear") == true)
        {
            faults.Clear();
        }

        return JObject.FromObject(faults.Describe());
    }

    private static async Task<JObject> InstallAsync(Account account, JObject body, CancellationToken cancellationToken)
    {
        var url = new Uri(body.Value<string>("url") ?? throw new ArgumentException("Give the redirect URI as \"url\"."), UriKind.Absolute);
        return Describe(await account.Lifecycle.InstallAsync(url, body.Value<string>("state"), cancellationToken));
    }

    private static async Task<JObject> UninstallAsync(Account account, JObject body, CancellationToken cancellationToken)
    {
        var url = new Uri(body.Value<string>("url") ?? throw new ArgumentException("Give the hook URL as \"url\"."), UriKind.Absolute);
        return Describe(await account.Lifecycle.UninstallAsync(url, cancellationToken));
    }

    private static async Task<JObject> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(cancellationToken);
            return new JObject(form.Select(f => new JProperty(f.Key, f.Value.ToString())));
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonText.Parse(text) as JObject ?? [];
    }
}
