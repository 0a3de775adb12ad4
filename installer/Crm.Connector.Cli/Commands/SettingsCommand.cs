using System.CommandLine;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>crm-connector settings --portal MEMBER [--set key=value]... [--unset key]... [--json] [--store CONNECTION]</c>:
/// shows and edits an installation's settings in the function app's store (the same default SQLite file its local
/// host uses, <c>~/.crm-connector/functions/store.db</c>, or <c>--store</c> / <c>ConnectionStrings__Store</c>).
/// Works for amoCRM (<c>amocrm-123</c>) and Bitrix24 member ids alike. Every value is checked before anything is
/// written; with one bad value nothing changes.
/// </summary>
internal static class SettingsCommand
{
    public static Command Create(CliOutput output)
    {
        var portal = new Option<string>("--portal") { Description = "The installation's member id (amocrm-<account id>, or a Bitrix24 member_id).", Required = true };
        var set = new Option<string[]>("--set") { Description = $"key=value to set; keys: {string.Join(", ", InstallationSettings.Keys.Keys)}.", AllowMultipleArgumentsPerToken = false };
        var unset = new Option<string[]>("--unset") { Description = "A key to remove." };
        var json = new Option<bool>("--json") { Description = "Print the settings as JSON (for scripts)." };
        var store = new Option<string?>("--store") { Description = "The store's connection string or SQLite path (default: ConnectionStrings__Store, else the local host's file)." };
        var command = new Command("settings", "Show or change an installation's settings (time zone, work days, holidays, sales group, curator, e-mail sender, trial lesson link).")
        {
            portal, set, unset, json, store,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            output,
            parse.GetValue(portal)!,
            parse.GetValue(set) ?? [],
            parse.GetValue(unset) ?? [],
            parse.GetValue(json),
            parse.GetValue(store) ?? Environment.GetEnvironmentVariable("ConnectionStrings__Store"),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, string memberId, string[] sets, string[] unsets, bool json, string? connection, CancellationToken cancellationToken)
    {
        var (changes, errors) = Parse(sets, unsets);
        if (errors.Count > 0)
        {
            return Fail(output, errors);
        }

        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = connection });
        await store.MigrateAsync(cancellationToken);
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is null)
        {
            return Fail(output, [$"--portal: no installation '{memberId}' in the store{(connection is null ? $" ({StoreOptions.DefaultSqlitePath})" : string.Empty)}; amoCRM installations are amocrm-<account id>. Give --store if the app uses another store."]);
        }

        var settings = (JObject)installation.Settings.DeepClone();
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                settings.Remove(key);
            }
            else
            {
                settings[key] = value;
            }
        }

        if (changes.Count > 0)
        {
            await store.Installations.SaveAsync(installation with { Settings = settings, UpdatedAt = TimeProvider.System.GetUtcNow() }, cancellationToken: cancellationToken);
        }

        if (json)
        {
            await output.Out.WriteLineAsync(new JObject { ["portal"] = memberId, ["crm"] = installation.Crm, ["settings"] = settings }.ToString(Formatting.Indented));
        }
        else
        {
            output.Console.MarkupLine($"[bold]{Markup.Escape(memberId)}[/] ({Markup.Escape(installation.Crm)}, {Markup.Escape(installation.Domain)}){(changes.Count > 0 ? $": {changes.Count} change(s) saved" : string.Empty)}");
            var table = new Table().AddColumn("setting").AddColumn("value");
            foreach (var (key, value) in settings)
            {
                table.AddRow(Markup.Escape(key), Markup.Escape(value?.ToString(Formatting.None) ?? "null"));
            }

            output.Console.Write(table);
        }

        return CliApp.Ok;
    }

    /// <summary>Every change (null value = unset), or every error at once.</summary>
    private static (List<(string Key, JToken? Value)> Changes, List<string> Errors) Parse(string[] sets, string[] unsets)
    {
        var changes = new List<(string, JToken?)>();
        var errors = new List<string>();
        foreach (var pair in sets)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"--set: '{pair}' is not key=value, e.g. --set timeZone=Europe/Moscow.");
                continue;
            }

            var (value, error) = InstallationSettings.Parse(pair[..equals].Trim(), pair[(equals + 1)..]);
            if (error is not null)
            {
                errors.Add(error);
            }
            else
            {
                changes.Add((pair[..equals].Trim(), value));
            }
        }

        foreach (var key in unsets)
        {
            if (!InstallationSettings.Keys.ContainsKey(key))
            {
                errors.Add($"--unset: '{key}' is not a setting; use one of {string.Join(", ", InstallationSettings.Keys.Keys)}.");
            }
            else
            {
                changes.Add((key, null));
            }
        }

        return (changes, errors);
    }

    private static int Fail(CliOutput output, IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
        }

        return CliApp.Failed;
    }
}
