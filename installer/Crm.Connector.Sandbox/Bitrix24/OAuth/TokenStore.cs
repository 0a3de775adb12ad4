using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.OAuth;

/// <summary>
/// OAuth tokens the portal issued (bitrix24-rest.md §2.3): access tokens live <c>accessLifetime</c> (1 h), refresh
/// tokens 180 days and are single-use — a refresh returns a new pair and the old refresh token is dead (rotation).
/// UNCONFIRMED: the old access token stays valid until its own expiry (the docs do not say it is revoked on refresh).
/// </summary>
internal sealed class TokenStore(TimeProvider clock, TimeSpan accessLifetime)
{
    /// <summary>§2.3: refresh tokens live 180 days (current docs).</summary>
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(180);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, AccessGrant> _access = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshGrant> _refresh = new(StringComparer.Ordinal);

    public TimeSpan AccessLifetime => accessLifetime;

    public SandboxTokens Issue(int userId)
    {
        lock (_gate)
        {
            return IssueLocked(userId);
        }
    }

    public (AccessCheck Check, int UserId) Check(string accessToken)
    {
        lock (_gate)
        {
            if (!_access.TryGetValue(accessToken, out var grant))
            {
                return (AccessCheck.Unknown, 0);
            }

            return clock.GetUtcNow() >= grant.ExpiresAt ? (AccessCheck.Expired, grant.UserId) : (AccessCheck.Valid, grant.UserId);
        }
    }

    /// <summary>Exchanges a refresh token for a new pair; each refresh token works once.</summary>
    public RefreshOutcome Refresh(string? refreshToken)
    {
        lock (_gate)
        {
            if (string.IsNullOrEmpty(refreshToken) || !_refresh.TryGetValue(refreshToken, out var grant))
            {
                return RefreshOutcome.Refused("The refresh token is unknown.");
            }

            if (grant.Used)
            {
                return RefreshOutcome.Refused("The refresh token has already been used (refresh tokens are single-use).");
            }

            if (clock.GetUtcNow() >= grant.ExpiresAt)
            {
                return RefreshOutcome.Refused("The refresh token has expired.");
            }

            _refresh[refreshToken] = grant with { Used = true };
            return new RefreshOutcome(IssueLocked(grant.UserId), null);
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

    /// <summary>
    /// Forgets every token (§1.5: on uninstall "API access is already revoked"): REST calls with them answer as an
    /// unknown token would, refreshes are refused. Returns how many access tokens were revoked.
    /// </summary>
    public int RevokeAll()
    {
        lock (_gate)
        {
            var count = _access.Count;
            _access.Clear();
            _refresh.Clear();
            return count;
        }
    }

    /// <summary>Counts only: tokens never leave the portal through inspection.</summary>
    public JObject Counts()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            return new JObject
            {
                ["accessTokens"] = _access.Count,
                ["validAccessTokens"] = _access.Values.Count(a => now < a.ExpiresAt),
                ["refreshTokens"] = _refresh.Count,
                ["usedRefreshTokens"] = _refresh.Values.Count(r => r.Used),
            };
        }
    }

    private SandboxTokens IssueLocked(int userId)
    {
        var now = clock.GetUtcNow();
        var access = RandomTokens.Hex();
        var refresh = RandomTokens.Hex();
        var expiresAt = now + accessLifetime;
        _access[access] = new AccessGrant(userId, expiresAt);
        _refresh[refresh] = new RefreshGrant(userId, now + RefreshLifetime, false);
        return new SandboxTokens(access, refresh, expiresAt, userId);
    }
}
