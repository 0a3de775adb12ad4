using System.Diagnostics;
using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Import;
using Crm.Connector.Import.Bitrix24;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Testing;

namespace Crm.Connector.Benchmarks;

/// <summary>
/// <c>import</c>: a 10,000-row client file (.xlsx made by the import's own writer: mixed phone formats, 60% with
/// «Примечание», 20% with «Примечание 2», 2% duplicates in the file, a few bad rows) imported into a sandbox portal
/// limited to 2 requests/s (burst 50), through the real client. Prints rows, requests, wall time, QUERY_LIMIT_EXCEEDED
/// answers, the outcome counts, and what one request per row would have cost.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 0 && int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 10_000;
        var template = TemplateLoader.LoadText(await File.ReadAllTextAsync(Repository.PathOf("templates", "bitrix24", "driving-school.json")), "driving-school.json").Template!;
        var layout = ImportLayout.For(template);
        var bytes = MakeFile(layout, rows);
        await using var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = "professional", Burst = 50, DrainPerSecond = 2 });
        using var client = Bitrix24Client.ForWebhook(sandbox.WebhookUrl, new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System) });
        var engine = new ImportEngine(new Bitrix24ImportTarget(client), TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow"), TimeProvider.System);

        var clock = Stopwatch.StartNew();
        var file = ImportFileReader.Read(new MemoryStream(bytes), "clients.xlsx", layout, new ImportLimits());
        var read = clock.Elapsed;
        var preview = await engine.PreviewAsync(layout, file);
        var previewTime = clock.Elapsed - read;
        var result = await engine.RunAsync(layout, file, DuplicateChoice.Skip);
        var total = clock.Elapsed;
        var stats = sandbox.Stats;
        var comments = file.Rows.Sum(r => r.Cells.Skip(layout.IndexOf(ImportColumnKind.Note)).Take(2).Count(c => !c.IsEmpty));

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"import: {rows:N0} rows, {bytes.Length / 1024:N0} KB .xlsx, portal 2 req/s (burst 50)"));
        Console.WriteLine(string.Create(inv, $"  read file        {read.TotalSeconds,8:F2} s"));
        Console.WriteLine(string.Create(inv, $"  preview          {previewTime.TotalSeconds,8:F2} s  {preview.Requests} requests"));
        Console.WriteLine(string.Create(inv, $"  run (previews again, writes) {(total - read - previewTime).TotalSeconds:F2} s  {result.Requests} requests"));
        Console.WriteLine(string.Create(inv, $"  total            {total.TotalSeconds,8:F2} s  {stats.Requests} HTTP requests to the portal, {stats.BatchCommands} batch commands, {stats.QueryLimitExceeded} answered 503 QUERY_LIMIT_EXCEEDED"));
        Console.WriteLine(string.Create(inv, $"  created {result.Created}, merged {result.Merged}, skipped {result.Skipped}, invalid {result.Invalid}, failed {result.Failed}, comments failed {result.CommentsFailed}"));
        var perRow = result.Created + comments + (2 * preview.Counts.Total);
        Console.WriteLine(string.Create(inv, $"  one request per row (add + comment each + duplicate and key check per row): ~{perRow:N0} requests, ~{(perRow - 50) / 2.0 / 60:F0} min at 2 req/s"));
        return result.Failed == 0 && stats.QueryLimitExceeded == 0 ? 0 : 1;
    }

    private static byte[] MakeFile(ImportLayout layout, int rows)
    {
        var random = new Random(2);
        var header = layout.Columns.Select(c => c.Header).ToList();
        var start = new DateTime(2024, 1, 1, 9, 0, 0);
        var lines = new List<IReadOnlyList<string>>(rows);
        string[] channels = ["Веб-сайт", "Звонок", "Реклама на улице", "Рекомендация", "вк"];
        for (var i = 0; i < rows; i++)
        {
            var cells = new string[header.Count];
            var number = 9_170_000_000L + i;
            var digits = number.ToString(CultureInfo.InvariantCulture);
            cells[layout.IndexOf(ImportColumnKind.Phone)] = (i % 5) switch
            {
                0 => "+7" + digits,
                1 => "8" + digits,
                2 => $"+7({digits[..3]}) {digits[3..6]}-{digits[6..8]}-{digits[8..]}",
                3 => $"8 ({digits[..3]}) {digits[3..6]}-{digits[6..8]}-{digits[8..]}",
                _ => digits,
            };
            if (i > 0 && i % 50 == 0)
            {
                // 2% duplicates of an earlier row's phone.
                cells[layout.IndexOf(ImportColumnKind.Phone)] = "+7" + (9_170_000_000L + i - 7).ToString(CultureInfo.InvariantCulture);
            }

            if (i % 997 == 13)
            {
                cells[layout.IndexOf(ImportColumnKind.Phone)] = "звонить вечером";
            }

            cells[layout.IndexOf(ImportColumnKind.CreatedAt)] = start.AddMinutes(i * 7).ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);
            cells[layout.IndexOf(ImportColumnKind.LastName)] = "Фамилия" + i.ToString(CultureInfo.InvariantCulture);
            cells[layout.IndexOf(ImportColumnKind.FirstName)] = "Имя";
            cells[layout.IndexOf(ImportColumnKind.Channel)] = channels[random.Next(channels.Length)];
            if (random.NextDouble() < 0.6)
            {
                cells[layout.IndexOf(ImportColumnKind.Note)] = "Интересовался категорией B, хочет начать в феврале";
            }

            if (random.NextDouble() < 0.2)
            {
                cells[layout.IndexOf(ImportColumnKind.Note2)] = "Пришёл по вывеске";
            }

            lines.Add([.. cells.Select(c => c ?? string.Empty)]);
        }

        using var buffer = new MemoryStream();
        WriteXlsx(buffer, header, lines);
        return buffer.ToArray();
    }

    private static void WriteXlsx(Stream output, List<string> header, List<IReadOnlyList<string>> lines) =>
        Crm.Connector.Import.Files.XlsxWriter.Write(output, [new Crm.Connector.Import.Files.XlsxWriter.Sheet("Клиенты", header, lines, [])]);
}
