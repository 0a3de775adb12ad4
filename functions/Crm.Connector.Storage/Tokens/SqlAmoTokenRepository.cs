using Crm.Connector.AmoCrm;
using Crm.Connector.Storage.Leases;
using Crm.Connector.Storage.Sql;
using Microsoft.AspNetCore.DataProtection;

namespace Crm.Connector.Storage.Tokens;

/// <summary>
/// amoCRM token pairs in <c>amo_tokens</c>, both tokens encrypted with Data Protection (a purpose of their own, so a
/// Bitrix24 cipher can never be read as an amoCRM one). Refreshes are single-flight per account inside one process —
/// the client's gate (<c>InstallationCredentials</c>) — not across processes: <see cref="IAmoTokenStore"/> has only
/// load and save, so a lease like <see cref="SqlTokenStore"/>'s would need the client to ask for it. Two instances
/// refreshing at once are survivable: amoCRM keeps the old refresh token usable until the new one is used
/// (amocrm-api.md §2.5), and a client whose refresh is refused reloads the pair the winner saved here.
/// </summary>
internal sealed class SqlAmoTokenRepository(StoreDatabase database, IDataProtector protector, TimeProvider time, ILeases leases) : IAmoTokenRepository
{
    /// <summary>The leases a refresh gate is held with.</summary>
    internal ILeases Leases => leases;

    public IAmoTokenStore StoreOf(string memberId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        return new MemberView(this, memberId);
    }

    public async Task<AmoTokens?> GetAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(
            connection,
            "SELECT access_token, refresh_token, expires_at FROM amo_tokens WHERE member_id = @m",
            r => new AmoTokens
            {
                AccountKey = memberId,
                AccessToken = protector.Unprotect(r.GetString(0)),
                RefreshToken = protector.Unprotect(r.GetString(1)),
                ExpiresAt = Db.Time(r, "expires_at") ?? DateTimeOffset.UnixEpoch,
            },
            cancellationToken,
            null,
            ("@m", memberId));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task SaveAsync(string memberId, AmoTokens tokens, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(memberId);
        ArgumentNullException.ThrowIfNull(tokens);

        // Encrypted before the connection opens: the first encryption may write the key ring to this same database.
        var access = protector.Protect(tokens.AccessToken);
        var refresh = protector.Protect(tokens.RefreshToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            """
            INSERT INTO amo_tokens (member_id, access_token, refresh_token, expires_at, updated_at) VALUES (@m, @access, @refresh, @expires, @now)
            ON CONFLICT (member_id) DO UPDATE SET access_token = @access, refresh_token = @refresh, expires_at = @expires, updated_at = @now
            """,
            cancellationToken,
            null,
            ("@m", memberId),
            ("@access", access),
            ("@refresh", refresh),
            ("@expires", Db.Ms(tokens.ExpiresAt)),
            ("@now", Db.Ms(time.GetUtcNow())));
    }

    public async Task<bool> DeleteAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(connection, "DELETE FROM amo_tokens WHERE member_id = @m", cancellationToken, null, ("@m", memberId)) > 0;
    }

    /// <summary>One installation's pair as the client sees it: under whatever account key the client uses (its host).</summary>
    private sealed class MemberView(SqlAmoTokenRepository repository, string memberId) : IAmoTokenStore, IAmoRefreshGate
    {
        /// <summary>How long a refresher may hold the gate: longer than a token request with its retries, short enough that one that died is soon replaced.</summary>
        private static readonly TimeSpan Hold = TimeSpan.FromSeconds(60);

        /// <summary>How often a waiting caller looks whether the gate is free (real time: it waits on another process).</summary>
        private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

        public async Task<IAsyncDisposable> EnterAsync(string accountKey, CancellationToken cancellationToken)
        {
            var name = "amo-refresh:" + memberId;
            var owner = Guid.NewGuid().ToString("N");
            while (await repository.Leases.TryAcquireAsync(name, owner, Hold, cancellationToken) == LeaseResult.Held)
            {
                await Task.Delay(Poll, cancellationToken);
            }

            return new Release(repository.Leases, name, owner);
        }

        public async Task<AmoTokens?> LoadAsync(string accountKey, CancellationToken cancellationToken = default) =>
            await repository.GetAsync(memberId, cancellationToken) is { } tokens ? tokens with { AccountKey = accountKey } : null;

        public Task SaveAsync(AmoTokens tokens, CancellationToken cancellationToken = default) => repository.SaveAsync(memberId, tokens, cancellationToken);
    }

    /// <summary>Lets the next refresher in (a lease left by a process that died runs out after its hold).</summary>
    private sealed class Release(ILeases leases, string name, string owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await leases.ReleaseAsync(name, owner, CancellationToken.None);
    }
}
