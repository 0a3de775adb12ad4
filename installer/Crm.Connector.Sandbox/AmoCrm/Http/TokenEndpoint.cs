using Crm.Connector.Sandbox.AmoCrm.Core;
using Crm.Connector.Sandbox.AmoCrm.OAuth;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// <c>POST /oauth2/access_token</c> (amocrm-api.md §2.4): JSON (or form) body with client_id, client_secret,
/// grant_type (authorization_code | refresh_token), code or refresh_token, redirect_uri. Answers
/// <c>{token_type, expires_in, server_time, access_token, refresh_token}</c>, or an OAuth problem
/// (<c>type …/OAuthProblemJson</c> with a <c>hint</c>): wrong client → 401 "Client authentication failed", consumed
/// refresh token → 401 "Token has been revoked".
/// UNCONFIRMED: for authorization_code the redirect_uri must equal the integration's (when it has one), else 400
/// "Redirect URI mismatch"; for refresh_token it is compared only when sent.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task HandleAsync(Account account, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            await Responses.WriteAsync(context, ApiProblem.Of(405, "Method Not Allowed"), cancellationToken);
            return;
        }

        JObject body;
        try
        {
            body = await ReadAsync(context.Request, cancellationToken);
        }
        catch (JsonException)
        {
            await RefuseAsync(account, context, 400, "Invalid JSON body");
            return;
        }

        var app = account.App;
        var clientId = (string?)body["client_id"];
        var clientSecret = (string?)body["client_secret"];
        if (clientId != app.ClientId || clientSecret != app.ClientSecret)
        {
            await RefuseAsync(account, context, 401, "Client authentication failed");
            return;
        }

        var redirect = (string?)body["redirect_uri"];
        var grant = (string?)body["grant_type"];
        OAuthOutcome outcome;
        switch (grant)
        {
            case "authorization_code":
                if (app.RedirectUri is { } configured && !SameUri(configured, redirect))
                {
                    await RefuseAsync(account, context, 400, "Redirect URI mismatch");
                    return;
                }

                outcome = account.Tokens.Exchange((string?)body["code"]);
                break;
            case "refresh_token":
                if (app.RedirectUri is { } expected && redirect is not null && !SameUri(expected, redirect))
                {
                    await RefuseAsync(account, context, 400, "Redirect URI mismatch");
                    return;
                }

                outcome = account.Tokens.Refresh((string?)body["refresh_token"]);
                break;
            default:
                await RefuseAsync(account, context, 400, "The authorization grant type is not supported by the authorization server.");
                return;
        }

        if (outcome.Tokens is not { } tokens)
        {
            await RefuseAsync(account, context, outcome.Status, outcome.Hint!);
            return;
        }

        if (grant == "refresh_token")
        {
            account.Stats.Refresh();
        }

        await Responses.WriteJsonAsync(context, 200, new JObject
        {
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)account.Options.AccessTokenLifetime.TotalSeconds,
            ["server_time"] = account.NowSeconds,
            ["access_token"] = tokens.AccessToken,
            ["refresh_token"] = tokens.RefreshToken,
        }, cancellationToken);
    }

    private static bool SameUri(Uri configured, string? given) =>
        given is not null && string.Equals(configured.AbsoluteUri.TrimEnd('/'), given.Trim().TrimEnd('/'), StringComparison.Ordinal);

    private static Task RefuseAsync(Account account, HttpContext context, int status, string hint)
    {
        account.Stats.RefreshFailure();
        var body = new JObject
        {
            ["hint"] = hint,
            ["title"] = "Некорректный запрос",
            ["type"] = "https://developers.amocrm.ru/v3/errors/OAuthProblemJson",
            ["status"] = status,
            ["detail"] = "В запросе отсутствует ряд параметров или параметры невалидны",
        };
        return Responses.WriteJsonAsync(context, status, body, context.RequestAborted, ApiResult.Problem);
    }

    private static async Task<JObject> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            return new JObject(form.Select(f => new JProperty(f.Key, f.Value.ToString())));
        }

        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonText.Parse(text) as JObject ?? throw new JsonReaderException("Not an object.");
    }
}
