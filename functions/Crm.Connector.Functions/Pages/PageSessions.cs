using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// Page sessions as signed tokens, carried in every form of a page (never in a cookie: the app lives in the portal's
/// frame, where third-party cookies are often blocked). <c>base64url(json).hex(HMAC-SHA256(secret, "page|" + json))</c>
/// with the app's OAuth client secret, so any instance checks what another issued. A site that is not ours cannot post
/// a form with a valid token — this is the pages' protection against cross-site posts, with the Origin check of
/// <see cref="PageRequest"/> on every change.
/// </summary>
public static class PageSessions
{
    public static string Issue(PageSession session, string secret)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var json = new JObject
        {
            ["m"] = session.MemberId,
            ["u"] = session.UserId,
            ["n"] = session.UserName,
            ["a"] = session.Admin,
            ["p"] = session.Placement,
            ["o"] = session.PlacementOptions,
            ["e"] = session.ExpiresAt.ToUnixTimeSeconds(),
        }.ToString(Formatting.None);
        var payload = Base64Url(Encoding.UTF8.GetBytes(json));
        return payload + "." + Mac(secret, payload);
    }

    /// <summary>The session in <paramref name="token"/> at <paramref name="now"/>; null when forged, malformed or expired.</summary>
    public static PageSession? Read(string? token, string secret, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        if (string.IsNullOrEmpty(token) || token.Length > 4096)
        {
            return null;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length - dot - 1 != 64)
        {
            return null;
        }

        var payload = token[..dot];
        var expected = Encoding.ASCII.GetBytes(Mac(secret, payload));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token[(dot + 1)..].ToLowerInvariant())))
        {
            return null;
        }

        try
        {
            var json = JObject.Parse(Encoding.UTF8.GetString(FromBase64Url(payload)));
            var expires = DateTimeOffset.FromUnixTimeSeconds(json.Value<long>("e"));
            return expires <= now
                ? null
                : new PageSession(json.Value<string>("m")!, json.Value<long>("u"), json.Value<string>("n") ?? string.Empty, json.Value<bool>("a"), json.Value<string>("p") ?? "DEFAULT", json.Value<string>("o") ?? "{}", expires);
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException or InvalidCastException)
        {
            return null;
        }
    }

    private static string Mac(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("page|" + payload)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", _ => string.Empty };
        return Convert.FromBase64String(padded);
    }
}
