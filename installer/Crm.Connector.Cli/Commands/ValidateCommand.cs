using System.CommandLine;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;
using Crm.Connector.Templates.Validation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>crm-connector validate &lt;file-or-name&gt;... [--all] [--crm C] [--json]</c>: checks templates against the schema
/// and the semantic rules, reports every finding at once; exit 0 when all are valid, 1 otherwise.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliOutput output)
    {
        var templates = new Argument<string[]>("template")
        {
            Description = "Template files or built-in names (e.g. driving-school, templates/bitrix24/auto-dealer.json).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Validate every built-in template." };
        var crm = new Option<string?>("--crm") { Description = "Which CRM's built-in template a name means (bitrix24 or amocrm)." };
        crm.AcceptOnlyFromAmong(EnumNames.All<CrmKind>().ToArray());
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (for scripts)." };

        var command = new Command("validate", "Check templates against the schema and the semantic rules.") { templates, all, crm, json };
        command.SetAction((parse, cancellationToken) => RunAsync(
            output,
            parse.GetValue(templates) ?? [],
            parse.GetValue(all),
            parse.GetValue(crm) is { } c ? EnumNames.Parse<CrmKind>(c) : null,
            parse.GetValue(json),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, string[] names, bool all, CrmKind? crm, bool json, CancellationToken cancellationToken)
    {
        var catalog = BuiltInTemplates.Catalog();
        var files = new List<string>();
        var problems = new List<string>();
        if (all)
        {
            files.AddRange(catalog.List().Select(e => e.Path));
        }

        foreach (var name in names)
        {
            var (path, error) = catalog.Resolve(name, crm);
            if (path is not null)
            {
                files.Add(path);
            }
            else
            {
                problems.Add(error!);
            }
        }

        if (files.Count == 0 && problems.Count == 0)
        {
            problems.Add("name a template to validate (a file or a built-in name such as driving-school), or pass --all.");
        }

        var results = new List<TemplateLoadResult>();
        foreach (var file in files.Distinct(StringComparer.Ordinal))
        {
            results.Add(await TemplateLoader.LoadFileAsync(file, cancellationToken));
        }

        if (json)
        {
            await WriteJsonAsync(output, results, problems);
        }
        else
        {
            WriteText(output, results, problems);
        }

        return problems.Count == 0 && results.TrueForAll(r => r.IsValid) ? CliApp.Ok : CliApp.Failed;
    }

    private static void WriteText(CliOutput output, List<TemplateLoadResult> results, List<string> problems)
    {
        foreach (var problem in problems)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(problem)}");
        }

        foreach (var result in results)
        {
            var file = Relative(result.Source);
            foreach (var diagnostic in result.Diagnostics)
            {
                var text = Markup.Escape((diagnostic with { File = file }).ToString());
                output.Console.MarkupLine(diagnostic.IsError ? $"[red]{text}[/]" : $"[yellow]{text}[/]");
            }

            var errors = result.Errors.Count();
            var warnings = result.Warnings.Count();
            if (result.IsValid)
            {
                var summary = TemplateSummary.Of(result.Template!);
                var note = warnings > 0 ? $" ({warnings} warning{(warnings == 1 ? string.Empty : "s")})" : string.Empty;
                output.Console.MarkupLine($"[green]valid[/] {Markup.Escape(file)}: {Markup.Escape(summary.ToString())}{Markup.Escape(note)}");
            }
            else
            {
                output.Console.MarkupLine($"[red]invalid[/] {Markup.Escape(file)}: {errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}");
            }
        }
    }

    private static async Task WriteJsonAsync(CliOutput output, List<TemplateLoadResult> results, List<string> problems)
    {
        var document = new JObject
        {
            ["valid"] = problems.Count == 0 && results.TrueForAll(r => r.IsValid),
            ["problems"] = new JArray(problems),
            ["templates"] = new JArray(results.Select(r => new JObject
            {
                ["file"] = Relative(r.Source),
                ["valid"] = r.IsValid,
                ["errors"] = r.Errors.Count(),
                ["warnings"] = r.Warnings.Count(),
                ["summary"] = r.IsValid ? JObject.FromObject(TemplateSummary.Of(r.Template!), JsonSerializer.Create(new JsonSerializerSettings { ContractResolver = new Newtonsoft.Json.Serialization.CamelCasePropertyNamesContractResolver() })) : null,
                ["diagnostics"] = new JArray(r.Diagnostics.Select(d => new JObject
                {
                    ["severity"] = d.IsError ? "error" : "warning",
                    ["code"] = d.Code,
                    ["path"] = d.Path,
                    ["line"] = d.Line,
                    ["column"] = d.Column,
                    ["message"] = d.Message,
                    ["fix"] = d.Fix,
                })),
            })),
        };
        await output.Out.WriteLineAsync(document.ToString(Formatting.Indented));
    }

    private static string Relative(string path)
    {
        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
