using Crm.Connector.OneC;
using Crm.Connector.Storage;
using Crm.Connector.Storage.OneC;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.OneC;

/// <summary>
/// 1C → CRM: one installation's bank and cash receipts read in a window of document dates sliding back from today (the
/// wider sweep now and then), compared with the receipts kept from earlier polls by <c>Ref_Key</c> and
/// <c>DataVersion</c>. Only receipts new, changed or gone since touch the invoices they pay; each such invoice's paid
/// amount is recomputed as the sum over the live receipts kept for it — so an unposted or deleted payment is taken back —
/// and a deal hears of it only when that sum changed. A poll costs one 1C request per page of receipts of each kind,
/// whatever the number of open invoices. A receipt from one of our counterparties that names none of our invoices is
/// kept as unmatched for a person, never guessed.
/// </summary>
public sealed class OneCReceiptPoll(IStore store, OneCAccountingSource accounting, OneCFacts facts, IOptions<OneCOptions> options, TimeProvider time, ILogger<OneCReceiptPoll> log)
{
    /// <summary>Polls; returns how many deals got news. Throws when 1C failed (the caller records it; the next poll reads the same window).</summary>
    public async Task<OneCPollResult> PollAsync(OneCConnectionSettings settings, bool sweep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var memberId = settings.MemberId;
        var now = time.GetUtcNow();
        var today = TimeZoneInfo.ConvertTime(now, OneCTime.Zone(settings.TimeZone)).Date;
        var from = today - (sweep ? options.Value.SweepWindow : options.Value.Window);
        var oneC = accounting.For(settings);
        var read = await oneC.ReceiptsSinceAsync(from, cancellationToken);
        var kept = (await store.OneC.ReceiptsSinceAsync(memberId, from, cancellationToken)).ToDictionary(r => r.RefKey);
        var changed = read.Where(r => !kept.TryGetValue(r.RefKey, out var before) || before.DataVersion != r.DataVersion || r.DataVersion is null).ToList();
        var seen = read.Select(r => r.RefKey).ToHashSet();
        var gone = kept.Keys.Where(k => !seen.Contains(k)).ToList();

        // The invoices whose payments may have changed: those named before and after by what changed or went.
        var touched = changed.SelectMany(r => r.Lines.Select(l => l.Invoice))
            .Concat(changed.Where(r => kept.ContainsKey(r.RefKey)).SelectMany(r => kept[r.RefKey].Lines.Select(l => l.Invoice)))
            .Concat(gone.SelectMany(k => kept[k].Lines.Select(l => l.Invoice)))
            .OfType<Guid>()
            .ToHashSet();
        var ours = touched.Count == 0 ? [] : (await store.OneC.InvoicesByRefAsync(memberId, touched, cancellationToken)).ToDictionary(l => l.RefKey);
        var counterparties = changed.Count == 0 ? new HashSet<Guid>() : await store.OneC.CounterpartiesAsync(memberId, cancellationToken);
        var stored = changed.Select(r => Keep(r, ours, counterparties)).ToList();
        await store.OneC.SaveReceiptsAsync(memberId, stored, gone, cancellationToken);

        var news = 0;
        if (ours.Count > 0)
        {
            var paid = await store.OneC.PaidAsync(memberId, ours.Keys, cancellationToken);
            foreach (var link in ours.Values.Where(l => paid[l.RefKey] != l.Paid))
            {
                var updated = link with { Paid = paid[link.RefKey] };
                await store.OneC.SaveInvoiceAsync(updated, cancellationToken);
                OneCLog.Paid(log, memberId, link.Entity, link.ItemId, updated.Paid / 100m, updated.Total / 100m);

                news += await facts.InvoiceAsync(updated, cancellationToken) ? 1 : 0;
            }
        }

        await store.OneC.MarkPolledAsync(memberId, now, sweep, null, cancellationToken);
        var result = new OneCPollResult(read.Count, changed.Count, gone.Count, news, stored.Count(r => !r.Matched), oneC.Requests);
        if (result.Changed + result.Gone == 0)
        {
            OneCLog.PolledNothingNew(log, memberId, sweep ? "sweep" : "poll", result.Receipts, result.Requests);
        }
        else
        {
            OneCLog.Polled(log, memberId, sweep ? "sweep" : "poll", result.Receipts, result.Changed, result.Gone, result.Invoices, result.Unmatched, result.Requests);
        }
        return result;
    }

    /// <summary>The receipt as kept; unmatched when it is from a counterparty of ours and a line names no invoice of ours.</summary>
    private static OneCStoredReceipt Keep(OneCReceipt receipt, Dictionary<Guid, OneCInvoiceLink> ours, IReadOnlySet<Guid> counterparties) => new()
    {
        RefKey = receipt.RefKey,
        Kind = receipt.Kind == OneCReceiptKind.Cash ? "cash" : "bank",
        Number = receipt.Number,
        Date = receipt.Date,
        Posted = receipt.Posted,
        Deleted = receipt.DeletionMark,
        Amount = Kopecks.Of(receipt.Amount),
        Counterparty = receipt.Counterparty,
        Purpose = receipt.Purpose,
        DataVersion = receipt.DataVersion,
        Lines = [.. receipt.Lines.Select(l => new OneCStoredReceiptLine(l.Invoice, Kopecks.Of(l.Amount)))],
        Matched = !(receipt.Counterparty is { } counterparty && counterparties.Contains(counterparty) && receipt.Lines.Any(l => l.Invoice is not { } invoice || !ours.ContainsKey(invoice))),
    };
}

/// <summary>What one poll read and did.</summary>
public sealed record OneCPollResult(int Receipts, int Changed, int Gone, int Invoices, int Unmatched, int Requests);
