using System.Globalization;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// <c>/_sandbox/*</c>: inspection and control for a sandbox started from the command line (curl-friendly). Not part of
/// Bitrix24; never rate-limited, faulted or redirected. <c>POST install-app {url, order?, version?, language?,
/// status?}</c>, <c>POST update-app {url, version}</c> and <c>POST uninstall-app {url, clean?}</c> play the marketplace
/// (§1.2–§1.5) and answer what the app answered (tokens left out).
/// </summary>
internal static class ControlEndpoint
{
    private static readonly JsonSerializer CamelCase = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new DefaultContractResolver { NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false } },
    });

    public static async Task HandleAsync(Portal portal, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var action = context.Request.Path.Value!["/_sandbox/".Length..].TrimEnd('/');
        var method = context.Request.Method;
        switch (action)
        {
            case "stats" when HttpMethods.IsGet(method):
                await JsonResponses.WriteAsync(context, 200, Stats(portal), cancellationToken);
                break;
            case "state" when HttpMethods.IsGet(method):
                await JsonResponses.WriteAsync(context, 200, StateSnapshot.Build(portal), cancellationToken);
                break;
            case "expire-tokens" when HttpMethods.IsPost(method):
                portal.Tokens.ExpireAccessTokens();
                await JsonResponses.WriteAsync(context, 200, new JObject { ["ok"] = true }, cancellationToken);
                break;
            case "change-domain" when HttpMethods.IsPost(method):
                portal.ChangeDomain();
                await JsonResponses.WriteAsync(context, 200, new JObject { ["ok"] = true, ["baseUrl"] = portal.CurrentBaseUrl.AbsoluteUri }, cancellationToken);
                break;
            case "reset-stats" when HttpMethods.IsPost(method):
                portal.Stats.Reset();
                await JsonResponses.WriteAsync(context, 200, new JObject { ["ok"] = true }, cancellationToken);
                break;
            case "faults" when HttpMethods.IsPut(method) || HttpMethods.IsPost(method):
                var body = await RequestParameters.ReadAsync(context.Request, cancellationToken);
                Apply(portal.Faults, body);
                await JsonResponses.WriteAsync(context, 200, Faults(portal.Faults), cancellationToken);
                break;
            case "faults" when HttpMethods.IsGet(method):
                await JsonResponses.WriteAsync(context, 200, Faults(portal.Faults), cancellationToken);
                break;
            case "install-app" or "update-app" or "uninstall-app" when HttpMethods.IsPost(method):
                await AppAsync(portal, context, action, cancellationToken);
                break;
            default:
                await JsonResponses.WriteErrorAsync(context, 404, "NOT_FOUND", "Sandbox routes: GET stats, GET state, GET|PUT faults, POST expire-tokens, POST change-domain, POST reset-stats, POST install-app|update-app|uninstall-app.", null, cancellationToken);
                break;
        }
    }

    /// <summary>What an install, update or uninstall did, without tokens (they never leave through inspection).</summary>
    public static JObject Describe(SandboxInstallResult result) => new()
    {
        ["succeeded"] = result.Succeeded,
        ["memberId"] = result.MemberId,
        ["version"] = result.Version,
        ["posts"] = new JArray(result.Posts.Select(p => new JObject
        {
            ["name"] = p.Name,
            ["url"] = p.Url.AbsoluteUri,
            ["status"] = p.StatusCode,
            ["body"] = p.Body,
            ["error"] = p.Error,
        })),
    };

    public static JObject Stats(Portal portal) => JObject.FromObject(portal.Stats.Snapshot(), CamelCase);

    private static async Task AppAsync(Portal portal, HttpContext context, string action, CancellationToken cancellationToken)
    {
        var body = await RequestParameters.ReadAsync(context.Request, cancellationToken);
        if (!Uri.TryCreate(body.String("url"), UriKind.Absolute, out var url))
        {
            await JsonResponses.WriteErrorAsync(context, 400, "INVALID_REQUEST", "Give the app's installation handler as \"url\" (absolute http or https).", null, cancellationToken);
            return;
        }

        try
        {
            var result = action switch
            {
                "install-app" => await portal.Lifecycle.InstallAsync(url, InstallOptions(body), cancellationToken),
                "update-app" => await portal.Lifecycle.UpdateAsync(url, body.String("version") ?? "", cancellationToken),
                _ => await portal.Lifecycle.UninstallAsync(url, Params.AsBool(body.Get("clean")) ?? false, cancellationToken),
            };
            await JsonResponses.WriteAsync(context, 200, Describe(result), cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            await JsonResponses.WriteErrorAsync(context, 400, "INVALID_REQUEST", e.Message, null, cancellationToken);
        }
    }

    private static SandboxInstallOptions InstallOptions(JObject body)
    {
        var options = new SandboxInstallOptions();
        if (body.String("order") is { } order)
        {
            options = options with
            {
                Order = Enum.TryParse<SandboxInstallOrder>(order.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new ArgumentException($"order must be one of {string.Join(", ", Enum.GetNames<SandboxInstallOrder>())}, not '{order}'."),
            };
        }

        return options with
        {
            Version = body.String("version") ?? options.Version,
            Language = body.String("language") ?? options.Language,
            Status = body.String("status") ?? options.Status,
        };
    }

    private static JObject Faults(SandboxFaults faults) => new()
    {
        ["latency"] = faults.Latency.ToString("c", CultureInfo.InvariantCulture),
        ["latencyMs"] = faults.Latency.TotalMilliseconds,
        ["errorRate"] = faults.ErrorRate,
        ["dropBeforeRate"] = faults.DropBeforeRate,
        ["dropAfterRate"] = faults.DropAfterRate,
        ["seed"] = faults.Seed,
    };

    /// <summary>Sets the properties present in the body (names case-insensitive; latency as "00:00:00.050" or latencyMs).</summary>
    private static void Apply(SandboxFaults faults, JObject body)
    {
        if (body.Get("latencyMs") is { } milliseconds && Params.AsDecimal(milliseconds) is { } ms)
        {
            faults.Latency = TimeSpan.FromMilliseconds((double)ms);
        }

        if (body.String("latency") is { } latency && TimeSpan.TryParse(latency, CultureInfo.InvariantCulture, out var parsed))
        {
            faults.Latency = parsed;
        }

        if (Params.AsDecimal(body.Get("errorRate")) is { } error)
        {
            faults.ErrorRate = (double)error;
        }

        if (Params.AsDecimal(body.Get("dropBeforeRate")) is { } before)
        {
            faults.DropBeforeRate = (double)before;
        }

        if (Params.AsDecimal(body.Get("dropAfterRate")) is { } after)
        {
            faults.DropAfterRate = (double)after;
        }

        if (body.Int("seed") is { } seed)
        {
            faults.Seed = seed;
        }
    }
}
