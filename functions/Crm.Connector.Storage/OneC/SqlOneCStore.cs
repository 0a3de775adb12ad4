using System.Data.Common;
using System.Globalization;
using Crm.Connector.Storage.Sql;
using Microsoft.AspNetCore.DataProtection;

namespace Crm.Connector.Storage.OneC;

/// <summary>
/// The 1C tables of migration 5. The connection's password is encrypted with Data Protection under a purpose of its own;
/// keys are text GUIDs, money is kopecks, 1C dates are kept as their naive wall-clock text (sortable ISO form).
/// </summary>
internal sealed class SqlOneCStore(StoreDatabase database, IDataProtector protector, TimeProvider time) : IOneCStore
{
    private const string ConnectionColumns = "member_id, service_root, user_name, password, organization, bank_account, service_item, vat_rate, time_zone, configuration, updated_at, polled_at, swept_at, poll_error";

    private const string InvoiceColumns = "member_id, entity, item_id, ref_key, counterparty, number, data_version, total, posted, paid, conflict, updated_at";

    private const string ReceiptColumns = "ref_key, kind, number, doc_date, posted, deleted, amount, counterparty, purpose, data_version, matched";

    public async Task SaveConnectionAsync(OneCConnectionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // Encrypted before the connection opens: the first encryption may write the key ring to this same database.
        var password = protector.Protect(settings.Password);
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO onec_connections ({ConnectionColumns}) VALUES (@m, @root, @user, @password, @org, @bank, @item, @vat, @tz, @conf, @now, NULL, NULL, NULL)
            ON CONFLICT (member_id) DO UPDATE SET service_root = @root, user_name = @user, password = @password, organization = @org,
                bank_account = @bank, service_item = @item, vat_rate = @vat, time_zone = @tz, configuration = @conf, updated_at = @now, poll_error = NULL
            """,
            cancellationToken,
            null,
            ("@m", settings.MemberId),
            ("@root", settings.ServiceRoot),
            ("@user", settings.User),
            ("@password", password),
            ("@org", Key(settings.Organization)),
            ("@bank", settings.BankAccount is { } bank ? Key(bank) : null),
            ("@item", Key(settings.ServiceItem)),
            ("@vat", settings.VatRate),
            ("@tz", settings.TimeZone),
            ("@conf", settings.Configuration),
            ("@now", Db.Ms(time.GetUtcNow())));
    }

    public async Task<OneCConnectionSettings?> GetConnectionAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, $"SELECT {ConnectionColumns} FROM onec_connections WHERE member_id = @m", ReadConnection, cancellationToken, null, ("@m", memberId));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<OneCConnectionSettings>> ConnectionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, $"SELECT {ConnectionColumns} FROM onec_connections ORDER BY member_id", ReadConnection, cancellationToken);
    }

    public async Task<bool> DeleteConnectionAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.ExecuteAsync(connection, "DELETE FROM onec_connections WHERE member_id = @m", cancellationToken, null, ("@m", memberId)) > 0;
    }

    public async Task MarkPolledAsync(string memberId, DateTimeOffset at, bool sweep, string? failure, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // A failed poll keeps the last good times: the next one reads the same window again.
        var sql = failure is not null
            ? "UPDATE onec_connections SET poll_error = @error WHERE member_id = @m"
            : sweep
                ? "UPDATE onec_connections SET polled_at = @at, swept_at = @at, poll_error = NULL WHERE member_id = @m"
                : "UPDATE onec_connections SET polled_at = @at, poll_error = NULL WHERE member_id = @m";
        await Db.ExecuteAsync(connection, sql, cancellationToken, null, ("@m", memberId), ("@at", Db.Ms(at)), ("@error", failure));
    }

    public async Task<OneCInvoiceLink?> GetInvoiceAsync(string memberId, string entity, long itemId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, $"SELECT {InvoiceColumns} FROM onec_invoices WHERE member_id = @m AND entity = @e AND item_id = @i", ReadInvoice, cancellationToken, null, ("@m", memberId), ("@e", entity), ("@i", itemId));
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task SaveInvoiceAsync(OneCInvoiceLink link, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var connection = await database.OpenAsync(cancellationToken);
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO onec_invoices ({InvoiceColumns}) VALUES (@m, @e, @i, @ref, @cp, @number, @version, @total, @posted, @paid, @conflict, @now)
            ON CONFLICT (member_id, entity, item_id) DO UPDATE SET ref_key = @ref, counterparty = @cp, number = @number, data_version = @version,
                total = @total, posted = @posted, paid = @paid, conflict = @conflict, updated_at = @now
            """,
            cancellationToken,
            null,
            ("@m", link.MemberId),
            ("@e", link.Entity),
            ("@i", link.ItemId),
            ("@ref", Key(link.RefKey)),
            ("@cp", Key(link.Counterparty)),
            ("@number", link.Number),
            ("@version", link.DataVersion),
            ("@total", link.Total),
            ("@posted", link.Posted ? 1L : 0L),
            ("@paid", link.Paid),
            ("@conflict", link.Conflict),
            ("@now", Db.Ms(time.GetUtcNow())));
    }

    public async Task<IReadOnlyList<OneCInvoiceLink>> InvoicesByRefAsync(string memberId, IReadOnlyCollection<Guid> refKeys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refKeys);
        var result = new List<OneCInvoiceLink>();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in refKeys.Distinct().Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk.Select(Key));
            result.AddRange(await Db.QueryAsync(connection, $"SELECT {InvoiceColumns} FROM onec_invoices WHERE member_id = @m AND ref_key IN ({list})", ReadInvoice, cancellationToken, null, [("@m", memberId), .. parameters]));
        }

        return result;
    }

    public async Task<IReadOnlyList<OneCInvoiceLink>> InvoicesAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await Db.QueryAsync(connection, $"SELECT {InvoiceColumns} FROM onec_invoices WHERE member_id = @m ORDER BY updated_at DESC, item_id DESC", ReadInvoice, cancellationToken, null, ("@m", memberId));
    }

    public async Task<IReadOnlySet<Guid>> CounterpartiesAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await Db.QueryAsync(connection, "SELECT DISTINCT counterparty FROM onec_invoices WHERE member_id = @m", r => Guid.Parse(r.GetString(0)), cancellationToken, null, ("@m", memberId));
        return rows.ToHashSet();
    }

    public async Task<IReadOnlyList<OneCStoredReceipt>> ReceiptsSinceAsync(string memberId, DateTime from, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var receipts = await Db.QueryAsync(connection, $"SELECT {ReceiptColumns} FROM onec_receipts WHERE member_id = @m AND doc_date >= @from", ReadReceipt, cancellationToken, null, ("@m", memberId), ("@from", DateText(from)));
        return await WithLinesAsync(connection, memberId, receipts, cancellationToken);
    }

    public async Task SaveReceiptsAsync(string memberId, IReadOnlyList<OneCStoredReceipt> receipts, IReadOnlyCollection<Guid> gone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receipts);
        ArgumentNullException.ThrowIfNull(gone);
        if (receipts.Count == 0 && gone.Count == 0)
        {
            return;
        }

        var now = Db.Ms(time.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await database.BeginWriteAsync(connection, cancellationToken);
        foreach (var key in gone.Concat(receipts.Select(r => r.RefKey)))
        {
            await Db.ExecuteAsync(connection, "DELETE FROM onec_receipt_lines WHERE member_id = @m AND receipt_ref = @ref", cancellationToken, transaction, ("@m", memberId), ("@ref", Key(key)));
        }

        foreach (var key in gone)
        {
            await Db.ExecuteAsync(connection, "DELETE FROM onec_receipts WHERE member_id = @m AND ref_key = @ref", cancellationToken, transaction, ("@m", memberId), ("@ref", Key(key)));
        }

        foreach (var receipt in receipts)
        {
            await SaveReceiptAsync(connection, transaction, memberId, receipt, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, long>> PaidAsync(string memberId, IReadOnlyCollection<Guid> invoices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var result = invoices.Distinct().ToDictionary(i => i, _ => 0L);
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var chunk in result.Keys.Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk.Select(Key));
            var rows = await Db.QueryAsync(
                connection,
                $"SELECT invoice_ref, SUM(amount) AS paid FROM onec_receipt_lines WHERE member_id = @m AND live = 1 AND invoice_ref IN ({list}) GROUP BY invoice_ref",
                r => (Guid.Parse(r.GetString(0)), Db.Long(r, "paid") ?? 0),
                cancellationToken,
                null,
                [("@m", memberId), .. parameters]);
            foreach (var (invoice, paid) in rows)
            {
                result[invoice] = paid;
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<OneCStoredReceipt>> UnmatchedAsync(string memberId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var receipts = await Db.QueryAsync(connection, $"SELECT {ReceiptColumns} FROM onec_receipts WHERE member_id = @m AND matched = 0 ORDER BY doc_date DESC", ReadReceipt, cancellationToken, null, ("@m", memberId));
        return await WithLinesAsync(connection, memberId, receipts, cancellationToken);
    }

    private static async Task SaveReceiptAsync(DbConnection connection, DbTransaction transaction, string memberId, OneCStoredReceipt receipt, long now, CancellationToken cancellationToken)
    {
        await Db.ExecuteAsync(
            connection,
            $"""
            INSERT INTO onec_receipts (member_id, {ReceiptColumns}, updated_at) VALUES (@m, @ref, @kind, @number, @date, @posted, @deleted, @amount, @cp, @purpose, @version, @matched, @now)
            ON CONFLICT (member_id, ref_key) DO UPDATE SET kind = @kind, number = @number, doc_date = @date, posted = @posted, deleted = @deleted,
                amount = @amount, counterparty = @cp, purpose = @purpose, data_version = @version, matched = @matched, updated_at = @now
            """,
            cancellationToken,
            transaction,
            ("@m", memberId),
            ("@ref", Key(receipt.RefKey)),
            ("@kind", receipt.Kind),
            ("@number", receipt.Number),
            ("@date", DateText(receipt.Date)),
            ("@posted", receipt.Posted ? 1L : 0L),
            ("@deleted", receipt.Deleted ? 1L : 0L),
            ("@amount", receipt.Amount),
            ("@cp", receipt.Counterparty is { } cp ? Key(cp) : null),
            ("@purpose", receipt.Purpose),
            ("@version", receipt.DataVersion),
            ("@matched", receipt.Matched ? 1L : 0L),
            ("@now", now));
        for (var i = 0; i < receipt.Lines.Count; i++)
        {
            var line = receipt.Lines[i];
            await Db.ExecuteAsync(
                connection,
                "INSERT INTO onec_receipt_lines (member_id, receipt_ref, line_no, invoice_ref, amount, live) VALUES (@m, @ref, @no, @invoice, @amount, @live)",
                cancellationToken,
                transaction,
                ("@m", memberId),
                ("@ref", Key(receipt.RefKey)),
                ("@no", (long)i + 1),
                ("@invoice", line.Invoice is { } invoice ? Key(invoice) : null),
                ("@amount", line.Amount),
                ("@live", receipt.Live ? 1L : 0L));
        }
    }

    private static async Task<IReadOnlyList<OneCStoredReceipt>> WithLinesAsync(DbConnection connection, string memberId, List<OneCStoredReceipt> receipts, CancellationToken cancellationToken)
    {
        if (receipts.Count == 0)
        {
            return receipts;
        }

        var lines = new Dictionary<Guid, List<OneCStoredReceiptLine>>();
        foreach (var chunk in receipts.Select(r => r.RefKey).Chunk(500))
        {
            var (list, parameters) = Db.InList(chunk.Select(Key));
            var rows = await Db.QueryAsync(
                connection,
                $"SELECT receipt_ref, invoice_ref, amount FROM onec_receipt_lines WHERE member_id = @m AND receipt_ref IN ({list}) ORDER BY receipt_ref, line_no",
                r => (Receipt: Guid.Parse(r.GetString(0)), Line: new OneCStoredReceiptLine(Db.Text(r, "invoice_ref") is { } invoice ? Guid.Parse(invoice) : null, Db.Long(r, "amount") ?? 0)),
                cancellationToken,
                null,
                [("@m", memberId), .. parameters]);
            foreach (var (receipt, line) in rows)
            {
                (lines.TryGetValue(receipt, out var found) ? found : lines[receipt] = []).Add(line);
            }
        }

        return [.. receipts.Select(r => r with { Lines = lines.GetValueOrDefault(r.RefKey) ?? [] })];
    }

    private OneCConnectionSettings ReadConnection(DbDataReader r) => new()
    {
        MemberId = r.GetString(0),
        ServiceRoot = r.GetString(1),
        User = r.GetString(2),
        Password = protector.Unprotect(r.GetString(3)),
        Organization = Guid.Parse(r.GetString(4)),
        BankAccount = Db.Text(r, "bank_account") is { } bank ? Guid.Parse(bank) : null,
        ServiceItem = Guid.Parse(r.GetString(6)),
        VatRate = r.GetString(7),
        TimeZone = r.GetString(8),
        Configuration = r.GetString(9),
        UpdatedAt = Db.Time(r, "updated_at") ?? DateTimeOffset.UnixEpoch,
        PolledAt = Db.Time(r, "polled_at"),
        SweptAt = Db.Time(r, "swept_at"),
        PollError = Db.Text(r, "poll_error"),
    };

    private static OneCInvoiceLink ReadInvoice(DbDataReader r) => new()
    {
        MemberId = r.GetString(0),
        Entity = r.GetString(1),
        ItemId = Db.Long(r, "item_id") ?? 0,
        RefKey = Guid.Parse(r.GetString(3)),
        Counterparty = Guid.Parse(r.GetString(4)),
        Number = Db.Text(r, "number"),
        DataVersion = Db.Text(r, "data_version"),
        Total = Db.Long(r, "total") ?? 0,
        Posted = Db.Long(r, "posted") == 1,
        Paid = Db.Long(r, "paid") ?? 0,
        Conflict = Db.Text(r, "conflict"),
        UpdatedAt = Db.Time(r, "updated_at") ?? DateTimeOffset.UnixEpoch,
    };

    private static OneCStoredReceipt ReadReceipt(DbDataReader r) => new()
    {
        RefKey = Guid.Parse(r.GetString(0)),
        Kind = r.GetString(1),
        Number = Db.Text(r, "number"),
        Date = DateTime.ParseExact(r.GetString(3), "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None),
        Posted = Db.Long(r, "posted") == 1,
        Deleted = Db.Long(r, "deleted") == 1,
        Amount = Db.Long(r, "amount") ?? 0,
        Counterparty = Db.Text(r, "counterparty") is { } cp ? Guid.Parse(cp) : null,
        Purpose = Db.Text(r, "purpose"),
        DataVersion = Db.Text(r, "data_version"),
        Matched = Db.Long(r, "matched") == 1,
    };

    private static string Key(Guid key) => key.ToString("D", CultureInfo.InvariantCulture);

    private static string DateText(DateTime date) => date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
}
