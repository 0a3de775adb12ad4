using System.Globalization;
using Crm.Connector.OneC;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.OneC;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.OneC;

/// <summary>
/// One piece of CRM → 1C invoice work (a job the deal's 1C process decided): the first time, the counterparty found by
/// ИНН/КПП or made (a private person by our own key from the contact's phone) and the invoice created unposted under the
/// deal's deterministic key — read first, so work interrupted after 1C created it adopts it instead of making another;
/// later, the deal's new amount patched into the invoice only while it is unposted, unpaid and as the app left it in 1C
/// (same <c>DataVersion</c>); otherwise the conflict is recorded, audited and told on the deal, and 1C is not touched.
/// What 1C then says goes back to the deal as a fact.
/// </summary>
public sealed class OneCInvoiceWork(IStore store, OneCAccountingSource accounting, OneCFacts facts, TimeProvider time, ILogger<OneCInvoiceWork> log)
{
    /// <summary>Runs the job; true when there is news for the deal (its fact accepted). Throws when 1C failed it or a person must act.</summary>
    public async Task<bool> RunAsync(ScheduledJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var memberId = job.MemberId;
        if (await store.Installations.GetAsync(memberId, cancellationToken) is not { Status: InstallationStatus.Active })
        {
            return false;
        }

        var request = InvoiceRequest.From(job.Payload);
        var settings = await store.OneC.GetConnectionAsync(memberId, cancellationToken)
            ?? throw new OneCRefusalException("1С не подключена к этому порталу: счёт не выставлен. Администратор подключает её командой `crm-connector onec connect`; счёт будет выставлен после подключения.");
        var oneC = accounting.For(settings);
        var link = await store.OneC.GetInvoiceAsync(memberId, request.Entity, request.ItemId, cancellationToken);
        link = link is null
            ? await CreateAsync(oneC, settings, request, cancellationToken)
            : await ChangeAsync(oneC, settings, link, request, cancellationToken);
        return link is not null && await facts.InvoiceAsync(link, cancellationToken);
    }

    private async Task<OneCInvoiceLink> CreateAsync(IOneCAccounting oneC, OneCConnectionSettings settings, InvoiceRequest request, CancellationToken cancellationToken)
    {
        var memberId = settings.MemberId;
        var key = OneCKeys.Invoice(memberId, request.Entity, request.ItemId);

        // Made before and its answer lost, or made by an earlier try of this job: adopted, never made twice.
        var invoice = await oneC.GetInvoiceAsync(key, cancellationToken);
        var how = "found, made before";
        if (invoice is null)
        {
            var counterparty = await CounterpartyAsync(oneC, memberId, request, cancellationToken);
            invoice = await oneC.CreateInvoiceAsync(Draft(settings, key, counterparty, request), cancellationToken);
            how = "created";
        }

        var paid = (await store.OneC.PaidAsync(memberId, [key], cancellationToken))[key];
        var link = new OneCInvoiceLink
        {
            MemberId = memberId,
            Entity = request.Entity,
            ItemId = request.ItemId,
            RefKey = key,
            Counterparty = invoice.Counterparty ?? Guid.Empty,
            Number = invoice.Number,
            DataVersion = invoice.DataVersion,
            Total = Kopecks.Of(invoice.Total),
            Posted = invoice.Posted,
            Paid = paid,
        };
        await store.OneC.SaveInvoiceAsync(link, cancellationToken);
        OneCLog.Invoiced(log, memberId, request.Entity, request.ItemId, invoice.Number, link.Total / 100m, how);
        return link;
    }

    /// <summary>The deal changed after its invoice was made: its amount carried over while the invoice is still the app's to change.</summary>
    private async Task<OneCInvoiceLink?> ChangeAsync(IOneCAccounting oneC, OneCConnectionSettings settings, OneCInvoiceLink link, InvoiceRequest request, CancellationToken cancellationToken)
    {
        var wanted = Kopecks.Of(request.Amount);
        if (wanted == link.Total && link.Conflict is null)
        {
            return link;
        }

        var current = await oneC.GetInvoiceAsync(link.RefKey, cancellationToken);
        var number = current?.Number ?? link.Number;
        var amounts = $"в сделке {Kopecks.Text(wanted)}, в счёте {Kopecks.Text(current is null ? link.Total : Kopecks.Of(current.Total))}";
        var conflict = current switch
        {
            null => $"счёт № {number} удалён в 1С — новый не выставлен ({amounts}).",
            { Posted: true } => $"счёт № {number} проведён в 1С — сумма в 1С не изменена ({amounts}).",
            _ when current.DataVersion != link.DataVersion => $"счёт № {number} изменён в 1С после выставления — сумма в 1С не изменена ({amounts}).",
            _ when link.Paid > 0 => $"по счёту № {number} уже есть оплаты — сумма в 1С не изменена ({amounts}).",
            _ => null,
        };
        if (conflict is not null)
        {
            await RecordConflictAsync(link with { Posted = current?.Posted ?? link.Posted }, request, conflict, cancellationToken);
            return null;
        }

        var changed = await oneC.UpdateInvoiceAsync(Draft(settings, link.RefKey, link.Counterparty, request), cancellationToken);
        link = link with { Number = changed.Number ?? link.Number, DataVersion = changed.DataVersion, Total = Kopecks.Of(changed.Total), Posted = changed.Posted, Conflict = null };
        await store.OneC.SaveInvoiceAsync(link, cancellationToken);
        OneCLog.Invoiced(log, settings.MemberId, request.Entity, request.ItemId, link.Number, link.Total / 100m, "amount changed");
        return link;
    }

    private async Task RecordConflictAsync(OneCInvoiceLink link, InvoiceRequest request, string conflict, CancellationToken cancellationToken)
    {
        await store.OneC.SaveInvoiceAsync(link with { Conflict = conflict }, cancellationToken);
        await store.Audit.AppendAsync(
            [
                new AuditEntry
                {
                    MemberId = link.MemberId,
                    At = time.GetUtcNow(),
                    Entity = link.Entity,
                    ItemId = link.ItemId,
                    Action = "onecConflict",
                    Cause = "onec-sync: " + conflict,
                    Detail = new JObject { ["invoice"] = link.RefKey.ToString(), ["number"] = link.Number, ["dealAmount"] = request.Amount, ["invoiceTotal"] = Kopecks.Amount(link.Total) },
                },
            ],
            cancellationToken);
        OneCLog.Conflict(log, link.MemberId, link.Entity, link.ItemId, conflict);
        await facts.ConflictAsync(link.MemberId, link.Entity, link.ItemId, conflict, cancellationToken);
    }

    /// <summary>The payer: by ИНН/КПП among 1C's counterparties (made when there is none), or the contact as a private person under our own key.</summary>
    private static async Task<Guid> CounterpartyAsync(IOneCAccounting oneC, string memberId, InvoiceRequest request, CancellationToken cancellationToken)
    {
        if (request.Inn is { } inn)
        {
            var found = await oneC.FindCounterpartiesAsync(inn, request.Kpp, cancellationToken);
            var exact = request.Kpp is null ? found : [.. found.Where(c => c.Kpp == request.Kpp)];
            if (exact.Count == 1)
            {
                return exact[0].RefKey;
            }

            if (exact.Count > 1 || found.Count > 0)
            {
                // Several, or none with this КПП beside others with the ИНН: a person chooses; a third is never made.
                throw new OneCRefusalException($"в 1С {found.Count} контрагента(ов) с ИНН {inn}{(request.Kpp is null ? string.Empty : $" и ни одного или несколько с КПП {request.Kpp}")} — счёт не выставлен. Оставьте в 1С одного или укажите КПП в сделке.");
            }

            var company = await oneC.CreateCounterpartyAsync(
                new OneCCounterpartyDraft { RefKey = OneCKeys.Company(memberId, inn, request.Kpp), Description = $"Плательщик ИНН {inn}", FullName = $"Плательщик ИНН {inn}", Inn = inn, Kpp = request.Kpp, Comment = Marker(memberId, request) },
                cancellationToken);
            return company.RefKey;
        }

        var identity = request.PhoneDigits ?? request.Person;
        var key = OneCKeys.Person(memberId, identity);
        var person = await oneC.GetCounterpartyAsync(key, cancellationToken)
            ?? await oneC.CreateCounterpartyAsync(new OneCCounterpartyDraft { RefKey = key, Description = request.Person, FullName = request.Person, IsPerson = true, Phone = request.Phone, Comment = Marker(memberId, request) }, cancellationToken);
        return person.RefKey;
    }

    private OneCInvoiceDraft Draft(OneCConnectionSettings settings, Guid key, Guid counterparty, InvoiceRequest request) => new()
    {
        RefKey = key,
        Date = Today(settings),
        Organization = settings.Organization,
        BankAccount = settings.BankAccount,
        Counterparty = counterparty,
        Lines = [new OneCInvoiceLine(settings.ServiceItem, request.Line, 1, request.Amount, request.Amount)],
        VatRate = settings.VatRate,
        Comment = $"{request.Title} {Marker(settings.MemberId, request)}",
    };

    /// <summary>Now as a wall-clock time in the 1C server's zone (1C dates carry no offset).</summary>
    private DateTime Today(OneCConnectionSettings settings)
    {
        var zone = OneCTime.Zone(settings.TimeZone);
        return TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime;
    }

    /// <summary>The marker people reading 1C see: which CRM item this came from.</summary>
    private static string Marker(string memberId, InvoiceRequest request) =>
        $"[crm:{memberId}:{request.Entity}:{request.ItemId.ToString(CultureInfo.InvariantCulture)}]";
}
