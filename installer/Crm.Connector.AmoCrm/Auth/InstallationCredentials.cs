using System.Collections.Concurrent;
using Crm.Connector.AmoCrm.Errors;
using Crm.Connector.AmoCrm.Transport;

namespace Crm.Connector.AmoCrm.Auth;

/// <summary>
/// An OAuth installation (amocrm-api.md §2.5). The pair comes from the store; the access token is refreshed when it is
/// about to expire or the server refused it (401), one refresh per account at a time in this process — and across
/// processes when the store is also an <see cref="IAmoRefreshGate"/>. Under that gate
/// the store is read first — another caller (or worker) may have refreshed already — and a new pair is saved before it
/// is used, since the refresh token it replaces is spent once the new one is used. When the token endpoint refuses the
/// refresh token, another worker may have won the race with the same token: the store is read again and a newer pair
/// there is used; only with none is the installation gone (<see cref="AmoCrmReinstallRequiredException"/>).
/// </summary>
internal sealed class InstallationCredentials(
    AmoAccountAddress account,
    IAmoTokenStore store,
    AmoOAuthApp app,
    AmoOAuthClient oauth,
    AmoTransport transport) : AmoCredentials
{
    /// <summary>One gate per account for the whole process: clients of the same account refresh one at a time.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private AmoTokens? _current;

    public override string Unrefreshable => "the access token was refused again right after a refresh";

    public override async ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var tokens = Volatile.Read(ref _current) ?? await LoadAsync(cancellationToken);
        return NearExpiry(tokens) ? await RefreshCoreAsync(tokens.AccessToken, "about to expire", cancellationToken) : tokens.AccessToken;
    }

    public override async ValueTask<string?> RefreshAsync(string staleAccessToken, CancellationToken cancellationToken) =>
        await RefreshCoreAsync(staleAccessToken, "refused with 401", cancellationToken);

    private async Task<string> RefreshCoreAsync(string staleAccessToken, string reason, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(account.Key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Across processes too, when the store can say so: the pair is read again only once this caller holds it.
            await using var shared = store is IAmoRefreshGate processes ? await processes.EnterAsync(account.Key, cancellationToken) : null;
            var stored = await LoadAsync(cancellationToken);
            if (!string.Equals(stored.AccessToken, staleAccessToken, StringComparison.Ordinal) && !NearExpiry(stored))
            {
                // Refreshed by someone else while this caller waited.
                return stored.AccessToken;
            }

            TransportLog.Refreshing(transport.Log, account.Key, reason);
            AmoTokens fresh;
            try
            {
                fresh = await oauth.RefreshAsync(account, app, stored.RefreshToken, cancellationToken);
            }
            catch (AmoCrmReinstallRequiredException)
            {
                var again = await store.LoadAsync(account.Key, cancellationToken);
                if (again is null || string.Equals(again.RefreshToken, stored.RefreshToken, StringComparison.Ordinal))
                {
                    TransportLog.ReinstallNeeded(transport.Log, account.Key);
                    throw;
                }

                // Another worker rotated the pair with the same refresh token first; theirs is the live one.
                TransportLog.LostRefreshRace(transport.Log, account.Key);
                Volatile.Write(ref _current, again);
                return again.AccessToken;
            }

            fresh = fresh with { AccountKey = account.Key };
            await store.SaveAsync(fresh, CancellationToken.None);
            transport.Counters.Refresh();
            Volatile.Write(ref _current, fresh);
            return fresh.AccessToken;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<AmoTokens> LoadAsync(CancellationToken cancellationToken)
    {
        var tokens = await store.LoadAsync(account.Key, cancellationToken)
            ?? throw new AmoCrmAuthenticationException("token store", null, "No tokens", $"no tokens are stored for account {account.Key}; install the integration first", null);
        Volatile.Write(ref _current, tokens);
        return tokens;
    }

    private bool NearExpiry(AmoTokens tokens) => tokens.ExpiresAt - transport.Options.RefreshBeforeExpiry <= transport.Time.GetUtcNow();
}
