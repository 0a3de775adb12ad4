using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Functions.OneC;
using Crm.Connector.OneC;
using Crm.Connector.Sandbox.OneC;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.OneC;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// <c>onec-poll</c>: payments polled from a sandbox 1C (БП 3.0 over OData, <c>--latency-ms N</c> (20) added to every
/// answer) for a driving school with <c>--invoices N</c> (1000) open invoices the app made there (created through
/// <see cref="IOneCAccounting.CreateInvoiceAsync"/> under their deterministic keys, linked in a SQLite store; not
/// measured). The series of polls, each through <see cref="OneCReceiptPoll.PollAsync"/> as the timer calls it:
/// a cold first poll with <c>--old-receipts N</c> (300) receipts already in the 45-day window (a third paying our
/// invoices, the rest strangers'); polls after 0, 10 and 100 new receipts (half paying our invoices, half strangers');
/// then the 400-day sweep after 10 receipts back-dated 100 days. The same series runs again with
/// <c>--compare-invoices N</c> (100) open invoices and the same receipts, to show the cost does not follow the invoice
/// count. Per poll: open invoices, receipts in window, new/changed, 1C requests (the sandbox's count and the poll's own),
/// wall time, invoices whose paid amount changed, facts accepted into the inbox; and what the naive design (one read per
/// open invoice per poll) would cost. Exit 1 when a poll's requests differ between the two invoice counts, when a paid
/// amount in the store is not the sum of the receipts added for that invoice, or when a poll with no new receipt
/// accepts a fact.
/// </summary>
internal static class OneCPollBenchmark
{
    private const string MemberId = "bench-onec";
    private const decimal InvoiceTotal = 30_000m;

    public static async Task<int> RunAsync(string[] args)
    {
        var invoices = Options.Int(args, "--invoices", 1_000);
        var compare = Options.Int(args, "--compare-invoices", 100);
        var old = Options.Int(args, "--old-receipts", 300);
        var latency = TimeSpan.FromMilliseconds(Options.Int(args, "--latency-ms", 20));

        Console.WriteLine($"Receipts polled from a sandbox 1C (БП 3.0, OData, {Ms(latency)} per request, {OneCClient.DefaultPageSize} rows a page) into a SQLite store; "
            + $"{old} old receipts in the 45-day window, then 0, 10 and 100 new (half paying our invoices), then the 400-day sweep after 10 back-dated ones.");
        var failures = new List<string>();

        // A warm-up series, not shown: the first poll of the process would otherwise carry the JIT and the store's first opening.
        await SeriesAsync(10, old, latency, [], quiet: true);
        var main = await SeriesAsync(invoices, old, latency, failures);
        var small = await SeriesAsync(compare, old, latency, failures);

        Console.WriteLine();
        Console.WriteLine("| poll | open invoices | receipts in window | new/changed | 1C requests (sandbox / poll) | wall time | invoices whose paid changed | facts accepted |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in main.Concat(small))
        {
            Console.WriteLine(
                $"| {row.Step} | {row.Open:N0} | {row.Receipts} | {row.Changed} | {row.SandboxRequests} / {row.PollRequests} | {Ms(row.Wall)} | {row.PaidChanged} | {row.Facts} |");
        }

        Console.WriteLine();
        var polls = main.Where(r => !r.Sweep).ToList();
        var (fewest, most) = (polls.Min(r => r.SandboxRequests), polls.Max(r => r.SandboxRequests));
        Console.WriteLine($"Naive design (one invoice read per open invoice per poll): {invoices:N0} requests a poll, ≥ {Seconds(latency * invoices)} at {Ms(latency)} a request; "
            + $"here {(fewest == most ? fewest.ToString(CultureInfo.InvariantCulture) : $"{fewest}–{most}")} requests a poll "
            + $"(one per page of {OneCClient.DefaultPageSize} receipts of each kind), {Ms(TimeSpan.FromTicks((long)polls.Average(r => r.Wall.Ticks)))} on average.");

        // The cost must not follow the open invoices: the same receipts cost the same requests at either count.
        foreach (var (big, little) in main.Zip(small))
        {
            if (big.SandboxRequests != little.SandboxRequests || big.PollRequests != little.PollRequests)
            {
                failures.Add($"«{big.Step}»: {big.SandboxRequests} requests with {big.Open} open invoices but {little.SandboxRequests} with {little.Open}.");
            }
        }

        if (failures.Count == 0)
        {
            Console.WriteLine($"Checks passed: requests equal at {invoices:N0} and {compare:N0} open invoices for every poll; paid amounts in the store equal the receipts added per invoice after every poll; "
                + "the poll with no new receipt accepted no fact.");
            return 0;
        }

        foreach (var failure in failures)
        {
            Console.WriteLine("FAILED: " + failure);
        }

        return 1;
    }

    /// <summary>One sandbox 1C and one store with <paramref name="open"/> open invoices, polled through the series; checks recorded in <paramref name="failures"/>.</summary>
    private static async Task<List<Row>> SeriesAsync(int open, int old, TimeSpan latency, List<string> failures, bool quiet = false)
    {
        var directory = Directory.CreateTempSubdirectory("crmc-bench-onec-").FullName;
        try
        {
            await using var oneC = await SandboxOneC.StartAsync();
            await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = Path.Combine(directory, "store.db") });
            await store.MigrateAsync();
            using var http = new HttpClient();
            var time = TimeProvider.System;
            var now = time.GetUtcNow();
            var settings = await InstallAsync(store, oneC, now);

            var accounting = new OneCAccountingSource(new OneCAccountingFactory(http, time));
            var poll = new OneCReceiptPoll(
                store,
                accounting,
                new OneCFacts(store, new TemplateProvider(), time),
                Microsoft.Extensions.Options.Options.Create(new OneCOptions()),
                time,
                NullLogger<OneCReceiptPoll>.Instance);

            // Setup, not measured: the open invoices in 1C and their links in the store.
            var today = TimeZoneInfo.ConvertTime(now, OneCTime.Zone(settings.TimeZone)).Date;
            var clock = Stopwatch.StartNew();
            var links = await CreateInvoicesAsync(store, accounting.For(settings), oneC, settings, open, today);
            if (!quiet)
            {
                Console.WriteLine($"{open:N0} open invoices created in the sandbox 1C and linked in the store in {Seconds(clock.Elapsed)} (setup, not measured).");
            }

            oneC.Faults.Latency = latency;

            var expected = links.ToDictionary(l => l.RefKey, _ => 0L);
            var receipts = new Receipts(oneC, links, expected, today);
            var rows = new List<Row>();

            // (1) cold: the old receipts already in the window, a third paying our invoices.
            receipts.Add(old, ours: old / 3, maxAgeDays: 40);
            rows.Add(await MeasureAsync("first poll (cold)", poll, store, oneC, settings, sweep: false, open, expected, failures));

            // (2) after 0, 10 and 100 new receipts, half paying our invoices.
            foreach (var count in (int[])[0, 10, 100])
            {
                receipts.Add(count, ours: count / 2, maxAgeDays: 7);
                var row = await MeasureAsync($"poll, {count} new", poll, store, oneC, settings, sweep: false, open, expected, failures);
                rows.Add(row);
                if (count == 0 && (row.Facts != 0 || row.Changed != 0))
                {
                    failures.Add($"{open} open invoices, a poll with no new receipt: {row.Changed} changed, {row.Facts} facts accepted.");
                }
            }

            // (4) the sweep, after receipts entered with an old date (outside the poll's window, inside the sweep's).
            receipts.Add(10, ours: 10, maxAgeDays: 0, backDays: 100);
            rows.Add(await MeasureAsync("sweep, 10 back-dated 100 days", poll, store, oneC, settings, sweep: true, open, expected, failures));
            return rows;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }

    /// <summary>An active driving-school installation connected to the sandbox 1C; the connection as the store reads it back.</summary>
    private static async Task<OneCConnectionSettings> InstallAsync(IStore store, SandboxOneC oneC, DateTimeOffset now)
    {
        await store.Installations.SaveAsync(new Installation
        {
            MemberId = MemberId,
            Crm = "bitrix24",
            Domain = "bench-onec.bitrix24.ru",
            Status = InstallationStatus.Active,
            TemplateKey = "driving-school",
            InstalledAt = now,
            UpdatedAt = now,
        });
        var settings = new OneCConnectionSettings
        {
            MemberId = MemberId,
            ServiceRoot = oneC.ServiceRoot.AbsoluteUri,
            User = oneC.User,
            Password = oneC.Password,
            Organization = oneC.Organization,
            BankAccount = oneC.BankAccount,
            ServiceItem = oneC.ServiceItem,
            UpdatedAt = now,
        };
        await store.OneC.SaveConnectionAsync(settings);
        return await store.OneC.GetConnectionAsync(MemberId) ?? throw new InvalidOperationException("The 1C connection was not stored.");
    }

    /// <summary><paramref name="count"/> invoices of 30,000 ₽ for deals 1…N, as the invoice work creates them (our keys, one person each).</summary>
    private static async Task<List<OneCInvoiceLink>> CreateInvoicesAsync(IStore store, IOneCAccounting accounting, SandboxOneC oneC, OneCConnectionSettings settings, int count, DateTime today)
    {
        var links = new List<OneCInvoiceLink>(count);
        for (var deal = 1L; deal <= count; deal++)
        {
            var key = OneCKeys.Invoice(MemberId, "deal", deal);
            var person = OneCKeys.Person(MemberId, string.Create(CultureInfo.InvariantCulture, $"7900{deal:D7}"));
            var invoice = await accounting.CreateInvoiceAsync(
                new OneCInvoiceDraft
                {
                    RefKey = key,
                    Date = today.AddHours(9),
                    Organization = settings.Organization,
                    BankAccount = settings.BankAccount,
                    Counterparty = person,
                    Lines = [new OneCInvoiceLine(oneC.ServiceItem, "Обучение вождению, категория B", 1, InvoiceTotal, InvoiceTotal)],
                    Comment = string.Create(CultureInfo.InvariantCulture, $"[crm:{MemberId}:deal:{deal}]"),
                },
                CancellationToken.None);
            var link = new OneCInvoiceLink
            {
                MemberId = MemberId,
                Entity = "deal",
                ItemId = deal,
                RefKey = invoice.RefKey,
                Counterparty = person,
                Number = invoice.Number,
                DataVersion = invoice.DataVersion,
                Total = Kopecks.Of(invoice.Total),
                Posted = invoice.Posted,
                UpdatedAt = TimeProvider.System.GetUtcNow(),
            };
            await store.OneC.SaveInvoiceAsync(link);
            links.Add(link);
        }

        return links;
    }

    /// <summary>One poll, measured: counters zeroed, the poll timed, then what changed in the store and the inbox; paid amounts checked.</summary>
    private static async Task<Row> MeasureAsync(
        string step, OneCReceiptPoll poll, IStore store, SandboxOneC oneC, OneCConnectionSettings settings, bool sweep, int open, Dictionary<Guid, long> expected, List<string> failures)
    {
        var paidBefore = (await store.OneC.InvoicesAsync(MemberId)).ToDictionary(l => l.RefKey, l => l.Paid);
        var inboxBefore = (await store.Inbox.CountAsync(MemberId)).Values.Sum();
        oneC.ResetStats();
        var clock = Stopwatch.StartNew();
        var result = await poll.PollAsync(settings, sweep, CancellationToken.None);
        var wall = clock.Elapsed;
        var sandboxRequests = oneC.Stats.Requests;
        var paidAfter = (await store.OneC.InvoicesAsync(MemberId)).ToDictionary(l => l.RefKey, l => l.Paid);
        var facts = (await store.Inbox.CountAsync(MemberId)).Values.Sum() - inboxBefore;

        var wrong = expected.Where(e => paidAfter.GetValueOrDefault(e.Key) != e.Value).ToList();
        if (wrong.Count > 0)
        {
            var (key, sum) = wrong[0];
            failures.Add($"{open} open invoices, «{step}»: {wrong.Count} invoices' paid amount in the store is not the sum of their receipts, e.g. {key}: "
                + $"{Kopecks.Text(paidAfter.GetValueOrDefault(key))} stored, {Kopecks.Text(sum)} added.");
        }

        return new Row(step, sweep, open, result.Receipts, result.Changed, sandboxRequests, result.Requests, wall, paidAfter.Count(p => paidBefore.GetValueOrDefault(p.Key) != p.Value), facts);
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private sealed record Row(string Step, bool Sweep, int Open, int Receipts, int Changed, int SandboxRequests, int PollRequests, TimeSpan Wall, int PaidChanged, int Facts);

    /// <summary>
    /// The accountant's side: receipts entered in 1C, bank and cash in turn, 500–5,000 ₽. Ours pay a random open invoice
    /// (from its counterparty); strangers' come from one of 50 counterparties that have no invoice of ours and name none.
    /// A fixed seed, and as many draws whatever the invoice count, so both series get the same receipts but for which invoice.
    /// </summary>
    private sealed class Receipts(SandboxOneC oneC, List<OneCInvoiceLink> links, Dictionary<Guid, long> expected, DateTime today)
    {
        private readonly Random _random = new(20_240_601);
        private readonly Guid[] _strangers = [.. Enumerable.Range(1, 50).Select(n => OneCKeys.Company("stranger", string.Create(CultureInfo.InvariantCulture, $"77{n:D8}"), null))];
        private int _added;

        public void Add(int count, int ours, int maxAgeDays, int backDays = 0)
        {
            for (var i = 0; i < count; i++)
            {
                var kind = _added++ % 2 == 0 ? SandboxReceiptKind.Bank : SandboxReceiptKind.Cash;
                var amount = 500m * _random.Next(1, 11);
                var date = today.AddDays(-backDays - _random.Next(0, maxAgeDays + 1)).AddHours(10 + _random.Next(0, 8));
                var link = links[_random.Next(links.Count)];
                var stranger = _strangers[_random.Next(_strangers.Length)];
                if (i < ours)
                {
                    oneC.AddReceipt(kind, link.RefKey, amount, date, link.Counterparty, purpose: $"Оплата по счету № {link.Number}");
                    expected[link.RefKey] += Kopecks.Of(amount);
                }
                else
                {
                    oneC.AddReceipt(kind, null, amount, date, stranger, purpose: "Оплата по договору");
                }
            }
        }
    }
}
