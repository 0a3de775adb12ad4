using Crm.Connector.Installer.Ledger;
using Crm.Connector.Storage.Sql;
using Newtonsoft.Json;

namespace Crm.Connector.Storage.Ledgers;

/// <summary>Provisioning ledgers, one row per portal and template, in the ledger file's JSON form.</summary>
internal sealed class SqlLedgerStore(StoreDatabase database, TimeProvider time) : ILedgerStore
{
    public async Task<ProvisioningLedger> LoadAsync(string portalKey, string templateKey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var body = (string?)await Db.ScalarAsync(connection, "SELECT body FROM ledgers WHERE member_id = @m AND template_key = @t", cancellationToken, null, ("@m", portalKey), ("@t", templateKey));
        if (body is null)
        {
            return new ProvisioningLedger { PortalKey = portalKey, TemplateKey = templateKey };
        }

        var ledger = JsonConvert.DeserializeObject<ProvisioningLedger>(body, LedgerJson.Settings)
            ?? throw new InvalidDataException($"The stored ledger of {templateKey} on portal {portalKey} is empty.");
        ledger.PortalKey = portalKey;
        ledger.TemplateKey = templateKey;
        return ledger;
    }

    public async Task SaveAsync(ProvisioningLedger ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            """
            INSERT INTO ledgers (member_id, template_key, body, updated_at) VALUES (@m, @t, @body, @now)
            ON CONFLICT (member_id, template_key) DO UPDATE SET body = @body, updated_at = @now
            """,
            cancellationToken,
            null,
            ("@m", ledger.PortalKey),
            ("@t", ledger.TemplateKey),
            ("@body", JsonConvert.SerializeObject(ledger, LedgerJson.Settings)),
            ("@now", Db.Ms(time.GetUtcNow())));
    }
}
