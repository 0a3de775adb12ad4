using System.CommandLine;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Cli.Portal;
using Crm.Connector.Import;
using Crm.Connector.Import.Bitrix24;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>import</c>: clients from an .xlsx/.csv file into a Bitrix24 portal (seed 002): <c>--dry-run</c> shows the preview
/// and writes nothing; otherwise progress, then the counts (or <c>--json</c>) and, with <c>--report</c>, the rows not
/// imported with their reasons. <c>import template --out F.xlsx</c> writes the file to fill in.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliOutput output)
    {
        var file = new Option<string>("--file", "-f") { Description = "The .xlsx or .csv file to import (made from 'crm-connector import template').", Required = true };
        var template = new Option<string>("--template", "-t") { Description = "The installed template (built-in name or path): it decides the columns.", Required = true };
        var portal = new Option<string>("--portal", "-p") { Description = "A Bitrix24 incoming webhook URL (an administrator's, so creation dates can be kept) or 'sandbox'.", Required = true };
        var duplicates = new Option<string>("--duplicates") { Description = "What to do with a client whose phone is already in the CRM: skip (default) or merge (fill only empty fields, add notes).", DefaultValueFactory = _ => "skip" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be imported (rows, problems, duplicates); write nothing." };
        var report = new Option<string?>("--report") { Description = "Write the rows not imported, with the reason, to this .xlsx." };
        var json = new Option<bool>("--json") { Description = "Print the preview or result as JSON." };
        var zone = new Option<string>("--time-zone") { Description = "The portal's time zone for the file's dates.", DefaultValueFactory = _ => "Europe/Moscow" };
        var command = new Command("import", "Import clients from an Excel (.xlsx) or CSV file into the CRM (leads).") { file, template, portal, duplicates, dryRun, report, json, zone };
        command.SetAction((parse, ct) => RunAsync(output, parse.GetValue(file)!, parse.GetValue(template)!, parse.GetValue(portal)!, parse.GetValue(duplicates)!, parse.GetValue(dryRun), parse.GetValue(report), parse.GetValue(json), parse.GetValue(zone)!, ct));

        var templateFor = new Option<string>("--template", "-t") { Description = "The template whose columns the file gets.", Required = true };
        var outPath = new Option<string>("--out", "-o") { Description = "Where to write the .xlsx.", Required = true };
        var write = new Command("template", "Write the .xlsx file to fill in for an import (header row, an example row, the rules).") { templateFor, outPath };
        write.SetAction(async (parse, ct) =>
        {
            var loaded = await LoadAsync(output, parse.GetValue(templateFor)!, ct);
            if (loaded is null)
            {
                return CliApp.Failed;
            }

            await using (var stream = File.Create(parse.GetValue(outPath)!))
            {
                ImportTemplateFile.Write(ImportLayout.For(loaded), stream);
            }

            output.Console.MarkupLine($"Wrote [bold]{Markup.Escape(parse.GetValue(outPath)!)}[/]: fill in sheet «Клиенты», keep the header row and the column order.");
            return CliApp.Ok;
        });
        command.Add(write);
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, string path, string templateName, string portal, string duplicates, bool dryRun, string? reportPath, bool json, string zoneId, CancellationToken cancellationToken)
    {
        var template = await LoadAsync(output, templateName, cancellationToken);
        if (template is null)
        {
            return CliApp.Failed;
        }

        var zone = CheckOptions(output, duplicates, zoneId);
        if (zone is null)
        {
            return CliApp.Failed;
        }

        var layout = ImportLayout.For(template);
        var file = await ReadFileAsync(output, path, layout);
        if (file is null)
        {
            return CliApp.Failed;
        }

        var (client, sandbox, error) = await OpenAsync(portal, cancellationToken);
        if (client is null)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error!)}");
            return CliApp.Failed;
        }

        try
        {
            var engine = new ImportEngine(new Bitrix24ImportTarget(client), zone, TimeProvider.System);
            if (dryRun)
            {
                await ShowPreviewAsync(output, engine, layout, file, json, cancellationToken);
                return CliApp.Ok;
            }

            var choice = duplicates == "merge" ? DuplicateChoice.Merge : DuplicateChoice.Skip;
            var result = json
                ? await ImportAsJsonAsync(output, engine, layout, file, choice, cancellationToken)
                : await ImportWithProgressAsync(output, engine, layout, file, choice, cancellationToken);
            if (reportPath is not null)
            {
                await using var stream = File.Create(reportPath);
                ImportReport.Write(result, stream);
            }

            return result.Failed > 0 ? CliApp.Failed : CliApp.Ok;
        }
        catch (Exception e) when (PortalErrors.IsExpected(e))
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(PortalErrors.Explain(e, portal))}");
            return CliApp.Failed;
        }
        finally
        {
            client.Dispose();
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }
        }
    }

    /// <summary>The portal's time zone once <c>--duplicates</c> and <c>--time-zone</c> are valid; null (the error printed) otherwise.</summary>
    private static TimeZoneInfo? CheckOptions(CliOutput output, string duplicates, string zoneId)
    {
        if (duplicates is not ("skip" or "merge"))
        {
            output.ErrorConsole.MarkupLine("[red]error:[/] --duplicates must be skip or merge.");
            return null;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] --time-zone '{Markup.Escape(zoneId)}' is not a time zone; use an IANA name such as Europe/Samara.");
            return null;
        }

        return zone;
    }

    /// <summary>The file read against the layout; null (the error printed) when it is refused or cannot be read.</summary>
    private static async Task<ImportFile?> ReadFileAsync(CliOutput output, string path, ImportLayout layout)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return ImportFileReader.Read(stream, Path.GetFileName(path), layout);
        }
        catch (ImportFileException e)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] the file was refused: {Markup.Escape(e.Message)}");
            return null;
        }
        catch (IOException e)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] cannot read '{Markup.Escape(path)}': {Markup.Escape(e.Message)}");
            return null;
        }
    }

    /// <summary><c>--dry-run</c>: the preview as JSON or as a table; nothing is written to the CRM.</summary>
    private static async Task ShowPreviewAsync(CliOutput output, ImportEngine engine, ImportLayout layout, ImportFile file, bool json, CancellationToken cancellationToken)
    {
        var preview = await engine.PreviewAsync(layout, file, cancellationToken);
        if (json)
        {
            await output.Out.WriteLineAsync(JsonConvert.SerializeObject(preview, Formatting.Indented));
        }
        else
        {
            PrintPreview(output, preview);
        }
    }

    /// <summary>The import with <c>--json</c>: no progress bar, the result printed as JSON.</summary>
    private static async Task<ImportResult> ImportAsJsonAsync(CliOutput output, ImportEngine engine, ImportLayout layout, ImportFile file, DuplicateChoice choice, CancellationToken cancellationToken)
    {
        var result = await engine.RunAsync(layout, file, choice, null, cancellationToken);
        await output.Out.WriteLineAsync(JsonConvert.SerializeObject(new { result.Created, result.Merged, result.Skipped, result.Invalid, result.Failed, result.CommentsFailed, result.Requests, result.CreatedIds, result.Notices, Rows = result.Rows.Select(r => new { r.Row.Line, Outcome = r.Outcome.ToString(), r.ItemId, r.Reason }) }, Formatting.Indented));
        return result;
    }

    /// <summary>The import with a progress bar, then the counts and the notices.</summary>
    private static async Task<ImportResult> ImportWithProgressAsync(CliOutput output, ImportEngine engine, ImportLayout layout, ImportFile file, DuplicateChoice choice, CancellationToken cancellationToken)
    {
        ImportResult? done = null;
        await output.Console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask("checking");
            var progress = new Progress<ImportProgress>(p =>
            {
                task.Description = p.Phase;
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
            });
            done = await engine.RunAsync(layout, file, choice, progress, cancellationToken);
        });
        var result = done!;
        output.Console.MarkupLine($"Created [green]{result.Created}[/], merged {result.Merged}, skipped {result.Skipped}, invalid [yellow]{result.Invalid}[/], failed [red]{result.Failed}[/] ({result.Requests} requests).");
        foreach (var notice in result.Notices)
        {
            output.Console.MarkupLine($"[grey]{Markup.Escape(notice)}[/]");
        }

        return result;
    }

    private static void PrintPreview(CliOutput output, ImportPreview preview)
    {
        var table = new Table().AddColumns("Line", "Status", "Phone", "Name", "Problems");
        foreach (var row in preview.Rows)
        {
            var status = row.Status == ImportRowStatus.Duplicate ? $"Duplicate ({row.DuplicateOf})" : row.Status.ToString();
            table.AddRow(
                row.Line.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(status),
                Markup.Escape(row.Item?.Phone ?? row.Cells.GetValueOrDefault("Телефон") ?? string.Empty),
                Markup.Escape(row.Item?.Title ?? string.Empty),
                Markup.Escape(string.Join("; ", row.Problems.Select(p => $"{(p.Severity == ImportSeverity.Error ? "error" : "warning")} [{p.Column}] {p.Message}"))));
        }

        output.Console.Write(table);
        var c = preview.Counts;
        output.Console.MarkupLine($"{c.Total} rows: ready {c.Ready}, duplicates in file {c.DuplicatesInFile}, in CRM {c.DuplicatesInCrm}, already imported {c.AlreadyImported}, invalid {c.Invalid}. Nothing was written (--dry-run).");
        foreach (var notice in preview.Notices)
        {
            output.Console.MarkupLine($"[grey]{Markup.Escape(notice)}[/]");
        }
    }

    private static async Task<CrmTemplate?> LoadAsync(CliOutput output, string nameOrPath, CancellationToken cancellationToken)
    {
        var (path, error) = BuiltInTemplates.Catalog().Resolve(nameOrPath);
        if (path is null)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error!)}");
            return null;
        }

        var loaded = await TemplateLoader.LoadFileAsync(path, cancellationToken);
        if (!loaded.IsValid)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] template '{Markup.Escape(nameOrPath)}' is not valid; run crm-connector validate {Markup.Escape(nameOrPath)}.");
            return null;
        }

        return loaded.Template;
    }

    /// <summary>A client for the webhook, or for a sandbox portal started here (as its admin webhook).</summary>
    private static async Task<(Bitrix24Client? Client, Bitrix24Sandbox? Sandbox, string? Error)> OpenAsync(string portal, CancellationToken cancellationToken)
    {
        var options = new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), MaxRetries = 4 };
        if (string.Equals(portal, "sandbox", StringComparison.OrdinalIgnoreCase))
        {
            var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions(), cancellationToken);
            return (Bitrix24Client.ForWebhook(sandbox.WebhookUrl, options), sandbox, null);
        }

        var credentials = WebhookCredentials.TryParse(portal, out var error);
        return credentials is null
            ? (null, null, $"--portal: {error} Or use --portal sandbox to try the import on a local sandbox portal.")
            : (new Bitrix24Client(credentials, options), null, null);
    }
}
