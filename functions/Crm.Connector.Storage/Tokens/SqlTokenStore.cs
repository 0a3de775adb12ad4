using System.Data.Common;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Storage.Sql;
using Microsoft.AspNetCore.DataProtection;

namespace Crm.Connector.Storage.Tokens;

/// <summary>
/// Installations' OAuth tokens in their row, encrypted with Data Protection. A refresh is single-flight per portal
/// across every process on the database: the refresher first takes a lease on the row (a conditional UPDATE that only
/// succeeds while the stored access token is still the stale one and nobody else holds a live lease), then calls the
/// OAuth server without holding any transaction, stores the new pair and releases the lease. Everyone else waits until
/// the stored token changes and uses that — so a rotated refresh token is never used twice. A lease left by a process
/// that died runs out after <see cref="StoreOptions.RefreshLease"/> and is taken over.
/// </summary>
internal sealed class SqlTokenStore(StoreDatabase database, IDataProtector protector, StoreOptions options) : ITokenStore
{
    /// <summary>How often a waiting caller looks whether the refresh finished (real time: it waits on another process).</summary>
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(25);

    private const string Columns = "member_id, access_token, refresh_token, expires_at, client_endpoint, server_endpoint, scope, user_id, refresh_lease_until";

    public async Task<OAuthTokens?> GetAsync(string memberId, CancellationToken cancellationToken = default)
    {
        var row = await ReadAsync(memberId, cancellationToken);
        return row?.Tokens;
    }

    /// <summary>Stores the tokens; a portal without an installation row gets a minimal active one (its domain from the endpoint).</summary>
    public async Task SaveAsync(OAuthTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = Db.Ms(options.TimeProvider.GetUtcNow());
        await Db.ExecuteAsync(
            connection,
            """
            INSERT INTO installations (member_id, crm, domain, status, settings, installed_at, updated_at)
            VALUES (@m, 'bitrix24', @domain, 'Active', '{}', @now, @now)
            ON CONFLICT (member_id) DO NOTHING
            """,
            cancellationToken,
            null,
            ("@m", tokens.MemberId),
            ("@domain", tokens.Domain),
            ("@now", now));
        await WriteAsync(connection, null, Seal(tokens), null, cancellationToken);
    }

    public async Task<OAuthTokens> RefreshAsync(string memberId, string staleAccessToken, Func<OAuthTokens, CancellationToken, Task<OAuthTokens>> refresh, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refresh);
        var owner = Guid.NewGuid().ToString("N");
        while (true)
        {
            var row = await ReadAsync(memberId, cancellationToken)
                ?? throw new InvalidOperationException($"Portal {memberId} has no tokens to refresh.");
            if (row.Tokens.AccessToken != staleAccessToken)
            {
                return row.Tokens;
            }

            if (await TryLeaseAsync(memberId, row.AccessCipher, owner, cancellationToken))
            {
                OAuthTokens fresh;
                try
                {
                    fresh = await refresh(row.Tokens, cancellationToken);
                }
                catch
                {
                    await ReleaseAsync(memberId, owner, CancellationToken.None);
                    throw;
                }

                await using var connection = await database.OpenAsync(CancellationToken.None);

                // Not cancellable: the old refresh token is dead now; losing the new pair would lose the portal.
                await WriteAsync(connection, null, Seal(fresh with { MemberId = memberId }), owner, CancellationToken.None);
                return fresh with { MemberId = memberId };
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>
    /// Encrypts the tokens. Done before any write transaction is opened: the first encryption may create the key ring,
    /// which is itself written to the store — inside an open SQLite write transaction that second writer would wait for us.
    /// </summary>
    internal SealedTokens Seal(OAuthTokens tokens) => new(tokens, protector.Protect(tokens.AccessToken), protector.Protect(tokens.RefreshToken));

    /// <summary>Creates the key ring now (at start) rather than on the first install.</summary>
    internal void EnsureKeys() => protector.Protect("key-ring-check");

    /// <summary>Writes the token columns (and marks the refresh time and releases the lease when <paramref name="owner"/> is given).</summary>
    internal async Task WriteAsync(DbConnection connection, DbTransaction? transaction, SealedTokens sealedTokens, string? owner, CancellationToken cancellationToken)
    {
        var tokens = sealedTokens.Tokens;
        var now = Db.Ms(options.TimeProvider.GetUtcNow());
        var refreshed = owner is null ? string.Empty : ", tokens_refreshed_at = @now, refresh_lease_owner = NULL, refresh_lease_until = NULL";
        await Db.ExecuteAsync(
            connection,
            $"""
            UPDATE installations SET access_token = @access, refresh_token = @refresh, expires_at = @expires, client_endpoint = @client,
                server_endpoint = @server, scope = @scope, user_id = @user, updated_at = @now{refreshed}
            WHERE member_id = @m
            """,
            cancellationToken,
            transaction,
            ("@access", sealedTokens.AccessCipher),
            ("@refresh", sealedTokens.RefreshCipher),
            ("@expires", Db.Ms(tokens.ExpiresAt)),
            ("@client", tokens.ClientEndpoint.AbsoluteUri),
            ("@server", tokens.ServerEndpoint?.AbsoluteUri),
            ("@scope", tokens.Scope),
            ("@user", (long?)tokens.UserId),
            ("@now", now),
            ("@m", tokens.MemberId));
    }

    private async Task<bool> TryLeaseAsync(string memberId, string accessCipher, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = options.TimeProvider.GetUtcNow();
        var taken = await Db.ExecuteAsync(
            connection,
            """
            UPDATE installations SET refresh_lease_owner = @owner, refresh_lease_until = @until
            WHERE member_id = @m AND access_token = @access AND (refresh_lease_until IS NULL OR refresh_lease_until <= @now)
            """,
            cancellationToken,
            null,
            ("@owner", owner),
            ("@until", Db.Ms(now + options.RefreshLease)),
            ("@m", memberId),
            ("@access", accessCipher),
            ("@now", Db.Ms(now)));
        return taken == 1;
    }

    private async Task ReleaseAsync(string memberId, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            "UPDATE installations SET refresh_lease_owner = NULL, refresh_lease_until = NULL WHERE member_id = @m AND refresh_lease_owner = @owner",
            cancellationToken,
            null,
            ("@m", memberId),
            ("@owner", owner));
    }

    private async Task<StoredTokens?> ReadAsync(string memberId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            $"SELECT {Columns} FROM installations WHERE member_id = @m",
            r => Db.Text(r, "access_token") is { } access
                ? new StoredTokens(
                    access,
                    new OAuthTokens
                    {
                        MemberId = r.GetString(0),
                        AccessToken = protector.Unprotect(access),
                        RefreshToken = protector.Unprotect(Db.Text(r, "refresh_token")!),
                        ExpiresAt = Db.Time(r, "expires_at") ?? DateTimeOffset.UnixEpoch,
                        ClientEndpoint = new Uri(Db.Text(r, "client_endpoint")!),
                        ServerEndpoint = Db.Text(r, "server_endpoint") is { } server ? new Uri(server) : null,
                        Scope = Db.Text(r, "scope"),
                        UserId = Db.Long(r, "user_id") is { } user ? (int)user : null,
                    })
                : null,
            cancellationToken,
            null,
            ("@m", memberId));
        return rows.Count == 0 ? null : rows[0];
    }

    private sealed record StoredTokens(string AccessCipher, OAuthTokens Tokens);

    /// <summary>Tokens with their encrypted columns.</summary>
    internal sealed record SealedTokens(OAuthTokens Tokens, string AccessCipher, string RefreshCipher);
}
