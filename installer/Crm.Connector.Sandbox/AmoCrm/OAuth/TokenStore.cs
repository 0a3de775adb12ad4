using System.Security.Cryptography;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.OAuth;

/// <summary>
/// Authorization codes, access and refresh tokens (amocrm-api.md §2.3–§2.6).
/// <list type="bullet">
/// <item>A code lives 20 minutes and works once.</item>
/// <item>An access token lives <c>AccessTokenLifetime</c> (24 h); long-lived tokens live what they were given, have no refresh token.</item>
/// <item>
/// Refresh tokens rotate (§2.5): a refresh returns a new pair; the old refresh token keeps working only until the new
/// one is used (the grace rule, for a refresh answer lost on the way). Using the new one revokes the old; using the old
/// again before that issues another pair and revokes the unused one it had produced (the client never saw it). A
/// revoked refresh token answers 401 "Token has been revoked".
/// </item>
/// </list>
/// UNCONFIRMED: access tokens issued from a refresh token stay valid until their own expiry when that refresh token is
/// later revoked (the docs only say refresh tokens are revoked).
/// </summary>
internal sealed class TokenStore(TimeProvider clock, AmoCrmSandboxOptions options, Func<string> clientId, Func<string> apiDomain)
{
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(20);

    private readonly Lock _gate = new();
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly Dictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);

    public AmoSandboxTokens Issue(long userId)
    {
        lock (_gate)
        {
            return IssueLocked(userId, predecessor: null);
        }
    }

    public string IssueLongLived(long userId, TimeSpan lifetime)
    {
        lock (_gate)
        {
            var expiresAt = clock.GetUtcNow() + lifetime;
            var token = NewAccessToken(userId, expiresAt);
            _access[token] = new AccessGrant(userId, expiresAt, LongLived: true);
            return token;
        }
    }

    public string IssueCode(long userId)
    {
        lock (_gate)
        {
            var code = "def50200" + RandomText.Hex(120);
            _codes[code] = new CodeGrant(userId, clock.GetUtcNow() + CodeLifetime, Used: false);
            return code;
        }
    }

    public (TokenCheck Check, long UserId) Check(string accessToken)
    {
        lock (_gate)
        {
            if (!_access.TryGetValue(accessToken, out var grant))
            {
                return (TokenCheck.Unknown, 0);
            }

            return clock.GetUtcNow() >= grant.ExpiresAt ? (TokenCheck.Expired, grant.UserId) : (TokenCheck.Valid, grant.UserId);
        }
    }

    /// <summary>
    /// authorization_code grant. UNCONFIRMED: amoCRM answers a bad code 400 with hints like these (seen in user
    /// reports, not in the docs); the sandbox uses 400 for every code problem.
    /// </summary>
    public OAuthOutcome Exchange(string? code)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(code) || !_codes.TryGetValue(code, out var grant))
            {
                return OAuthOutcome.Refused(400, "Cannot decrypt the authorization code");
            }

            if (grant.Used)
            {
                return OAuthOutcome.Refused(400, "Authorization code has been revoked");
            }

            if (clock.GetUtcNow() >= grant.ExpiresAt)
            {
                return OAuthOutcome.Refused(400, "Authorization code has expired");
            }

            _codes[code] = grant with { Used = true };
            return OAuthOutcome.Issued(IssueLocked(grant.UserId, predecessor: null));
        }
    }

    /// <summary>refresh_token grant with rotation and the grace rule (see the class summary).</summary>
    public OAuthOutcome Refresh(string? refreshToken)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(refreshToken) || !_refresh.TryGetValue(refreshToken, out var grant))
            {
                // UNCONFIRMED: an unknown (never issued) refresh token; amoCRM cannot decrypt it.
                return OAuthOutcome.Refused(400, "Cannot decrypt the refresh token");
            }

            if (grant.Revoked)
            {
                return OAuthOutcome.Refused(401, "Token has been revoked");
            }

            if (clock.GetUtcNow() >= grant.ExpiresAt)
            {
                return OAuthOutcome.Refused(401, "Token has expired");
            }

            if (grant.Successor is { } lost && _refresh.TryGetValue(lost, out var lostGrant))
            {
                _refresh[lost] = lostGrant with { Revoked = true };
            }

            if (grant.Predecessor is { } old && _refresh.TryGetValue(old, out var oldGrant))
            {
                _refresh[old] = oldGrant with { Revoked = true };
            }

            var tokens = IssueLocked(grant.UserId, predecessor: refreshToken);
            _refresh[refreshToken] = _refresh[refreshToken] with { Successor = tokens.RefreshToken };
            return OAuthOutcome.Issued(tokens);
        }
    }

    public void ExpireAccessTokens()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            foreach (var token in _access.Keys.ToList())
            {
                _access[token] = _access[token] with { ExpiresAt = now };
            }
        }
    }

    /// <summary>§2.5: access revoked (integration uninstalled): every token and code stops working.</summary>
    public void RevokeAll()
    {
        lock (_gate)
        {
            _access.Clear();
            _codes.Clear();
            foreach (var token in _refresh.Keys.ToList())
            {
                _refresh[token] = _refresh[token] with { Revoked = true };
            }
        }
    }

    public JObject Describe()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return new JObject
            {
                ["accessTokens"] = _access.Count,
                ["validAccessTokens"] = _access.Values.Count(a => a.ExpiresAt > now),
                ["longLivedTokens"] = _access.Values.Count(a => a.LongLived),
                ["refreshTokens"] = _refresh.Count,
                ["usableRefreshTokens"] = _refresh.Values.Count(r => !r.Revoked && r.ExpiresAt > now),
                ["authorizationCodes"] = _codes.Count,
            };
        }
    }

    private AmoSandboxTokens IssueLocked(long userId, string? predecessor)
    {
        var now = clock.GetUtcNow();
        var expiresAt = now + options.AccessTokenLifetime;
        var access = NewAccessToken(userId, expiresAt);
        var refresh = "def50200" + RandomText.Hex(160);
        _access[access] = new AccessGrant(userId, expiresAt, LongLived: false);
        _refresh[refresh] = new RefreshGrant(userId, now + options.RefreshTokenLifetime, predecessor, Successor: null, Revoked: false);
        return new AmoSandboxTokens(access, refresh, expiresAt, userId);
    }

    private string NewAccessToken(long userId, DateTimeOffset expiresAt)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return AccessJwt.Create(_key, new JObject
        {
            ["aud"] = clientId(),
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = expiresAt.ToUnixTimeSeconds(),
            ["sub"] = userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["account_id"] = options.AccountId,
            ["base_domain"] = "amocrm.ru",
            ["api_domain"] = apiDomain(),
            ["version"] = 2,
            ["scopes"] = new JArray("crm", "files", "files_delete", "notifications", "push_notifications"),
        });
    }

    private sealed record AccessGrant(long UserId, DateTimeOffset ExpiresAt, bool LongLived);

    private sealed record RefreshGrant(long UserId, DateTimeOffset ExpiresAt, string? Predecessor, string? Successor, bool Revoked);

    private sealed record CodeGrant(long UserId, DateTimeOffset ExpiresAt, bool Used);
}
