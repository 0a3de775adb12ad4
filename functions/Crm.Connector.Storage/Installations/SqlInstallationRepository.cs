using System.Data.Common;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Storage.Sql;
using Crm.Connector.Storage.Tokens;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Installations;

internal sealed class SqlInstallationRepository(StoreDatabase database, SqlTokenStore tokenStore, TimeProvider time) : IInstallationRepository
{
    private const string Columns = "member_id, crm, domain, status, app_token_hash, plan, template_key, app_version, settings, installed_at, updated_at, swept_until, tokens_refreshed_at";

    /// <summary>Every table that holds something of a portal (for <see cref="DeleteAllDataAsync"/>).</summary>
    private static readonly string[] Tables = ["ledgers", "snapshots", "inbox", "jobs", "effects", "audit", "imports", "installations"];

    public async Task<Installation?> GetAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, $"SELECT {Columns} FROM installations WHERE member_id = @m", Read, cancellationToken, null, ("@m", memberId));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task SaveAsync(Installation installation, OAuthTokens? tokens = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        var sealedTokens = tokens is null ? null : tokenStore.Seal(tokens with { MemberId = installation.MemberId });
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        await Db.ExecuteAsync(
            connection,
            """
            INSERT INTO installations (member_id, crm, domain, status, app_token_hash, plan, template_key, app_version, settings, installed_at, updated_at, swept_until, tokens_refreshed_at)
            VALUES (@m, @crm, @domain, @status, @hash, @plan, @template, @version, @settings, @installed, @updated, @swept, @refreshed)
            ON CONFLICT (member_id) DO UPDATE SET crm = @crm, domain = @domain, status = @status, app_token_hash = @hash, plan = @plan,
                template_key = @template, app_version = @version, settings = @settings, installed_at = @installed, updated_at = @updated,
                swept_until = @swept, tokens_refreshed_at = @refreshed
            """,
            cancellationToken,
            transaction,
            ("@m", installation.MemberId),
            ("@crm", installation.Crm),
            ("@domain", installation.Domain),
            ("@status", installation.Status.ToString()),
            ("@hash", installation.ApplicationTokenHash),
            ("@plan", installation.Plan),
            ("@template", installation.TemplateKey),
            ("@version", installation.AppVersion),
            ("@settings", installation.Settings.ToString(Formatting.None)),
            ("@installed", Db.Ms(installation.InstalledAt)),
            ("@updated", Db.Ms(installation.UpdatedAt)),
            ("@swept", Db.Ms(installation.SweptUntil)),
            ("@refreshed", Db.Ms(installation.TokensRefreshedAt)));
        if (sealedTokens is not null)
        {
            await tokenStore.WriteAsync(connection, transaction, sealedTokens, null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<Installation>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, $"SELECT {Columns} FROM installations WHERE status = 'Active' ORDER BY member_id", Read, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> ListActiveMemberIdsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, "SELECT member_id FROM installations WHERE status = 'Active' ORDER BY member_id", r => r.GetString(0), cancellationToken);
    }

    public async Task<bool> MarkRemovedAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(
            connection,
            "UPDATE installations SET status = 'Removed', updated_at = @now WHERE member_id = @m",
            cancellationToken,
            null,
            ("@now", Db.Ms(time.GetUtcNow())),
            ("@m", memberId)) == 1;
    }

    public async Task<int> DeleteAllDataAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        var removed = 0;
        foreach (var table in Tables)
        {
            removed += await Db.ExecuteAsync(connection, $"DELETE FROM {table} WHERE member_id = @m", cancellationToken, transaction, ("@m", memberId));
        }

        await Db.ExecuteAsync(connection, "DELETE FROM request_budgets WHERE portal_key = @m", cancellationToken, transaction, ("@m", memberId));
        await transaction.CommitAsync(cancellationToken);
        return removed;
    }

    public async Task SetSweptUntilAsync(string memberId, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(connection, "UPDATE installations SET swept_until = @until WHERE member_id = @m", cancellationToken, null, ("@until", Db.Ms(until)), ("@m", memberId));
    }

    private static Installation Read(DbDataReader r) => new()
    {
        MemberId = r.GetString(0),
        Crm = Db.Text(r, "crm")!,
        Domain = Db.Text(r, "domain")!,
        Status = Enum.Parse<InstallationStatus>(Db.Text(r, "status")!),
        ApplicationTokenHash = Db.Text(r, "app_token_hash"),
        Plan = Db.Text(r, "plan"),
        TemplateKey = Db.Text(r, "template_key"),
        AppVersion = Db.Text(r, "app_version"),
        Settings = JObject.Parse(Db.Text(r, "settings") ?? "{}"),
        InstalledAt = Db.Time(r, "installed_at")!.Value,
        UpdatedAt = Db.Time(r, "updated_at")!.Value,
        SweptUntil = Db.Time(r, "swept_until"),
        TokensRefreshedAt = Db.Time(r, "tokens_refreshed_at"),
    };
}
