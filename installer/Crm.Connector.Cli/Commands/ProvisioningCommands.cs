using System.CommandLine;
using Crm.Connector.Cli.Output;
using Crm.Connector.Cli.Portal;
using Crm.Connector.Installer;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Planning;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Serialization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>plan</c>, <c>apply</c>, <c>uninstall</c> and <c>export</c>: a template against a portal (a webhook URL or
/// <c>sandbox</c>), with the ledger in <c>--state</c> (default <c>~/.crm-connector/state/{portal}/{template}.json</c>).
/// </summary>
internal static class ProvisioningCommands
{
    public static IEnumerable<Command> Create(CliOutput output)
    {
        var o = new Options();
        var plan = new Command("plan", "Show what applying a template to a portal would change.") { o.Template, o.PortalOption, o.Crm, o.Token, o.State, o.PlanName, o.Adopt, o.AllowDestroy, o.HandlerBase, o.Json, o.DetailedExitCode };
        plan.SetAction((parse, token) => RunPlanAsync(output, o, parse, token));
        yield return plan;

        var apply = new Command("apply", "Apply a template to a portal: show the plan, ask, change only what differs.") { o.Template, o.PortalOption, o.Crm, o.Token, o.State, o.PlanName, o.Adopt, o.AllowDestroy, o.HandlerBase, o.Yes, o.Json };
        apply.SetAction((parse, token) => RunApplyAsync(output, o, parse, token));
        yield return apply;

        var uninstall = new Command("uninstall", "Remove what the app created for a template (nothing it did not create, nothing holding data).") { o.Template, o.PortalOption, o.Crm, o.Token, o.State, o.Yes, o.Json };
        uninstall.SetAction((parse, token) => RunUninstallAsync(output, o, parse, token));
        yield return uninstall;

        var key = new Option<string>("--key") { Description = "Key of the exported template.", DefaultValueFactory = _ => "exported" };
        var export = new Command("export", "Write a portal's pipelines, stages, fields and sources as a template (to standard output).") { o.PortalOption, o.Crm, o.Token, key };
        export.SetAction((parse, token) => RunExportAsync(output, o, parse, parse.GetValue(key)!, token));
        yield return export;
    }

    private static async Task<int> RunPlanAsync(CliOutput output, Options o, ParseResult parse, CancellationToken cancellationToken) =>
        await WithPortalAsync(output, o, parse, async (template, connection, options) =>
        {
            var plan = await new TemplateInstaller(connection.Backend, connection.Ledgers, TimeProvider.System).PlanAsync(template, options, cancellationToken);
            var origin = Origin(o, parse, plan, connection);
            if (parse.GetValue(o.Json))
            {
                var json = PlanPrinter.ToJson(plan, connection.Description, origin);
                json["requests"] = connection.Requests;
                await output.Out.WriteLineAsync(json.ToString(Formatting.Indented));
            }
            else
            {
                PlanPrinter.Write(output.Console, plan, connection.Description, origin);
                output.Console.MarkupLine($"[grey]{connection.Requests} HTTP request(s) to read the portal.[/]");
            }

            return parse.GetValue(o.DetailedExitCode) && plan.HasChanges ? 2 : CliApp.Ok;
        }, cancellationToken);

    private static async Task<int> RunApplyAsync(CliOutput output, Options o, ParseResult parse, CancellationToken cancellationToken) =>
        await WithPortalAsync(output, o, parse, async (template, connection, options) =>
        {
            var installer = new TemplateInstaller(connection.Backend, connection.Ledgers, TimeProvider.System);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var plan = await installer.PlanAsync(template, options, cancellationToken);
            var json = parse.GetValue(o.Json);
            if (!json)
            {
                PlanPrinter.Write(output.Console, plan, connection.Description, Origin(o, parse, plan, connection));
            }

            if (!plan.HasChanges)
            {
                var nothing = new ApplyResult { Requests = 0 };
                await Report(output, json, plan, nothing, connection, clock.Elapsed);
                return CliApp.Ok;
            }

            if (!parse.GetValue(o.Yes) && !Confirm(output, "Apply these changes?"))
            {
                output.ErrorConsole.MarkupLine("Nothing was changed. (Pass --yes to apply without asking.)");
                return CliApp.Failed;
            }

            var result = await WithProgressAsync(output, json, "Applying", progress => installer.ApplyAsync(plan, progress, cancellationToken));
            await Report(output, json, plan, result, connection, clock.Elapsed);
            return result.Succeeded ? CliApp.Ok : CliApp.Failed;
        }, cancellationToken);

    private static async Task<int> RunUninstallAsync(CliOutput output, Options o, ParseResult parse, CancellationToken cancellationToken) =>
        await WithPortalAsync(output, o, parse, async (template, connection, _) =>
        {
            var json = parse.GetValue(o.Json);
            if (!parse.GetValue(o.Yes) && !Confirm(output, $"Remove what the app created for '{template.Key}' on {connection.Description}?"))
            {
                output.ErrorConsole.MarkupLine("Nothing was changed. (Pass --yes to uninstall without asking.)");
                return CliApp.Failed;
            }

            var installer = new TemplateInstaller(connection.Backend, connection.Ledgers, TimeProvider.System);
            var result = await WithProgressAsync(output, json, "Removing", progress => installer.UninstallAsync(template.Key, progress, cancellationToken));
            if (json)
            {
                await output.Out.WriteLineAsync(new JObject
                {
                    ["removed"] = new JArray(result.Removed),
                    ["kept"] = new JArray(result.Kept),
                    ["requests"] = connection.Requests,
                }.ToString(Formatting.Indented));
            }
            else
            {
                foreach (var removed in result.Removed)
                {
                    output.Console.MarkupLine($"  [red]- {Markup.Escape(removed)}[/]");
                }

                foreach (var kept in result.Kept)
                {
                    output.Console.MarkupLine($"  [yellow]= kept {Markup.Escape(kept)}[/]");
                }

                output.Console.MarkupLine($"[bold]Uninstalled:[/] {result.Removed.Count} removed, {result.Kept.Count} kept, in {connection.Requests} HTTP request(s), {result.Elapsed.TotalSeconds:0.0} s.");
            }

            return result.Failures.Count == 0 ? CliApp.Ok : CliApp.Failed;
        }, cancellationToken);

    private static async Task<int> RunExportAsync(CliOutput output, Options o, ParseResult parse, string key, CancellationToken cancellationToken)
    {
        var portal = parse.GetValue(o.PortalOption)!;
        var crm = ParseCrm(parse.GetValue(o.Crm)) ?? PortalConnection.CrmOf(portal) ?? CrmKind.Bitrix24;
        var (connection, error) = await PortalConnection.OpenAsync(portal, crm, parse.GetValue(o.Token), key, null, null, cancellationToken);
        if (connection is null)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error!)}");
            return CliApp.Failed;
        }

        await using (connection)
        {
            try
            {
                var installer = new TemplateInstaller(connection.Backend, connection.Ledgers, TimeProvider.System);
                var exported = await installer.ExportAsync(key, cancellationToken);
                var text = TemplateJson.Serialize(exported.Template);

                // The export must be a template our own validator accepts; anything else is a bug worth stopping for.
                var check = TemplateLoader.LoadText(text, "export");
                foreach (var note in exported.Notes.Concat(check.Warnings.Select(w => w.ToString())))
                {
                    output.ErrorConsole.MarkupLine($"[yellow]note:[/] {Markup.Escape(note)}");
                }

                if (!check.IsValid)
                {
                    foreach (var diagnostic in check.Errors)
                    {
                        output.ErrorConsole.MarkupLine($"[red]{Markup.Escape(diagnostic.ToString())}[/]");
                    }

                    return CliApp.Failed;
                }

                await output.Out.WriteAsync(text);
                return CliApp.Ok;
            }
            catch (Exception e) when (PortalErrors.IsExpected(e))
            {
                output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(PortalErrors.Explain(e, connection.Description))}");
                return CliApp.Failed;
            }
        }
    }

    private static async Task<int> WithPortalAsync(CliOutput output, Options o, ParseResult parse, Func<CrmTemplate, PortalConnection, InstallOptions, Task<int>> run, CancellationToken cancellationToken)
    {
        var template = await LoadTemplateAsync(output, parse.GetValue(o.Template)!, cancellationToken);
        if (template is null)
        {
            return CliApp.Failed;
        }

        Uri? handlerBase = null;
        if (parse.GetValue(o.HandlerBase) is { } handler && (!Uri.TryCreate(handler, UriKind.Absolute, out handlerBase) || handlerBase.Scheme is not ("http" or "https")))
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] --handler-base '{Markup.Escape(handler)}' is not an http(s) URL; give the app's public address, e.g. https://crm-connector.example.com/.");
            return CliApp.Failed;
        }

        var plan = parse.GetValue(o.PlanName);
        if (plan is not null && Templates.Plans.PlanCatalog.Normalize(template.Crm, plan) is null)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] --plan '{Markup.Escape(plan)}' is not a {EnumNames.Of(template.Crm)} plan; use one of {string.Join(", ", Templates.Plans.PlanCatalog.PlansOf(template.Crm))}.");
            return CliApp.Failed;
        }

        var portal = parse.GetValue(o.PortalOption)!;
        if ((ParseCrm(parse.GetValue(o.Crm)) ?? PortalConnection.CrmOf(portal)) is { } crm && crm != template.Crm)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] template '{Markup.Escape(template.Key)}' is for {EnumNames.Of(template.Crm)}, but the portal is {EnumNames.Of(crm)}; choose a {EnumNames.Of(crm)} template (crm-connector validate --list shows them) or another portal.");
            return CliApp.Failed;
        }

        var (connection, error) = await PortalConnection.OpenAsync(portal, template.Crm, parse.GetValue(o.Token), template.Key, parse.GetValue(o.State), plan is null ? null : Templates.Plans.PlanCatalog.Normalize(template.Crm, plan), cancellationToken);
        if (connection is null)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(error!)}");
            return CliApp.Failed;
        }

        await using (connection)
        {
            var options = new InstallOptions
            {
                Plan = connection.SandboxPlan is null ? plan : null,
                Adopt = parse.GetValue(o.Adopt),
                AllowDestroy = parse.GetValue(o.AllowDestroy),
                HandlerBase = handlerBase ?? connection.DefaultHandlerBase,
            };
            try
            {
                return await run(template, connection, options);
            }
            catch (Exception e) when (PortalErrors.IsExpected(e))
            {
                output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(PortalErrors.Explain(e, connection.Description))}");
                if (connection.LedgerPath is not null)
                {
                    output.ErrorConsole.MarkupLine($"[grey]Ledger: {Markup.Escape(connection.LedgerPath)}[/]");
                }

                return CliApp.Failed;
            }
        }
    }

    private static async Task<CrmTemplate?> LoadTemplateAsync(CliOutput output, string nameOrPath, CancellationToken cancellationToken)
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
            foreach (var diagnostic in loaded.Errors)
            {
                output.ErrorConsole.MarkupLine($"[red]{Markup.Escape(diagnostic.ToString())}[/]");
            }

            output.ErrorConsole.MarkupLine($"[red]error:[/] the template is not valid; fix the errors above (crm-connector validate {Markup.Escape(nameOrPath)} lists them).");
            return null;
        }

        return loaded.Template;
    }

    private static async Task<T> WithProgressAsync<T>(CliOutput output, bool json, string label, Func<IProgress<ApplyProgress>, Task<T>> run)
    {
        if (json || !output.Console.Profile.Capabilities.Interactive)
        {
            return await run(new Progress<ApplyProgress>(_ => { }));
        }

        T result = default!;
        await output.Console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask(label, maxValue: 1);
            result = await run(new Progress<ApplyProgress>(p =>
            {
                task.MaxValue = Math.Max(1, p.Total);
                task.Value = p.Done;
                task.Description = $"{label}: {Markup.Escape(p.Current)}";
            }));
            task.Value = task.MaxValue;
        });
        return result;
    }

    private static async Task Report(CliOutput output, bool json, ProvisioningPlan plan, ApplyResult result, PortalConnection connection, TimeSpan elapsed)
    {
        var requests = connection.Requests;
        if (json)
        {
            await output.Out.WriteLineAsync(new JObject
            {
                ["applied"] = plan.HasChanges,
                ["created"] = result.Created,
                ["updated"] = result.Updated,
                ["adopted"] = result.Adopted,
                ["deleted"] = result.Deleted,
                ["kept"] = new JArray(result.Kept),
                ["conflicts"] = new JArray(plan.Conflicts.Select(c => c.Title)),
                ["failures"] = new JArray(result.Failures.Select(f => new JObject { ["key"] = f.Key.ToString(), ["title"] = f.Title, ["error"] = f.Error })),
                ["requests"] = requests,
                ["seconds"] = Math.Round(elapsed.TotalSeconds, 3),
                ["ledger"] = connection.LedgerPath,
            }.ToString(Formatting.Indented));
            return;
        }

        foreach (var failure in result.Failures)
        {
            output.Console.MarkupLine($"  [red]failed: {Markup.Escape(failure.Title)} — {Markup.Escape(failure.Error)}[/]");
        }

        foreach (var kept in result.Kept)
        {
            output.Console.MarkupLine($"  [yellow]kept: {Markup.Escape(kept)}[/]");
        }

        var what = plan.HasChanges
            ? $"{result.Created} created, {result.Updated} updated, {result.Adopted} adopted, {result.Deleted} deleted{(result.Failures.Count > 0 ? $", {result.Failures.Count} failed" : string.Empty)}"
            : "nothing to change";
        output.Console.MarkupLine($"[bold]{(result.Succeeded ? "[green]Applied[/]" : "[red]Applied with failures[/]")}:[/] {what} — {requests} HTTP request(s), {elapsed.TotalSeconds:0.0} s.");
        if (connection.LedgerPath is not null)
        {
            output.Console.MarkupLine($"[grey]Ledger: {Markup.Escape(connection.LedgerPath)}[/]");
        }
    }

    private static bool Confirm(CliOutput output, string question)
    {
        if (!output.Console.Profile.Capabilities.Interactive)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(question)} Cannot ask: this is not an interactive terminal.");
            return false;
        }

        return output.Console.Confirm(question, defaultValue: false);
    }

    private static string Origin(Options o, ParseResult parse, ProvisioningPlan plan, PortalConnection connection) =>
        connection.SandboxPlan is not null ? "the sandbox's plan"
        : parse.GetValue(o.PlanName) is not null ? "given with --plan"
        : plan.Snapshot.DetectedPlan is not null ? "read from the portal"
        : connection.Backend.Crm == CrmKind.AmoCrm ? "assumed: amoCRM's API does not say an account's plan — pass --plan to install only what it includes"
        : "assumed: a webhook cannot read the plan — pass --plan to install only what it includes";

    private static CrmKind? ParseCrm(string? crm) => crm switch
    {
        "amocrm" => CrmKind.AmoCrm,
        "bitrix24" => CrmKind.Bitrix24,
        _ => null,
    };

    /// <summary>The options of these commands (one set per command tree).</summary>
    private sealed class Options
    {
        public readonly Option<string> Template = new("--template", "-t") { Description = "Template file or built-in name (e.g. driving-school).", Required = true };
        public readonly Option<string> PortalOption = new("--portal", "-p") { Description = "A Bitrix24 incoming webhook URL (https://portal.bitrix24.ru/rest/1/secret/), an amoCRM account address (https://school.amocrm.ru, with --token), or 'sandbox' for a local sandbox of the template's CRM.", Required = true };
        public readonly Option<string?> Crm = CrmOption();
        public readonly Option<string?> Token = new("--token") { Description = "amoCRM: the private integration's long-lived token (or set CRM_CONNECTOR_AMOCRM_TOKEN; it is never printed).", HelpName = "token" };
        public readonly Option<string?> State = new("--state") { Description = "Ledger file (what the app created on this portal). Default: ~/.crm-connector/state/<portal>/<template>.json." };
        public readonly Option<string?> PlanName = new("--plan") { Description = "The portal's plan (free, basic, standard, professional, enterprise) when it cannot be read from the portal." };
        public readonly Option<bool> Json = new("--json") { Description = "Print the result as JSON (for scripts)." };
        public readonly Option<bool> Adopt = new("--adopt") { Description = "Take over existing objects the app did not create (rename, add to them; never delete)." };
        public readonly Option<bool> AllowDestroy = new("--allow-destroy") { Description = "Remove objects the app created that the template no longer has (never ones holding data)." };
        public readonly Option<string?> HandlerBase = new("--handler-base") { Description = "The app's public URL; robots are registered at <url>/api/bitrix24/robots/<code>." };
        public readonly Option<bool> Yes = new("--yes", "-y") { Description = "Do not ask for confirmation." };
        public readonly Option<bool> DetailedExitCode = new("--detailed-exitcode") { Description = "Exit 2 when the plan has changes, 0 when it has none (1 on errors)." };

        private static Option<string?> CrmOption()
        {
            var crm = new Option<string?>("--crm") { Description = "The portal's CRM: bitrix24 or amocrm (default: the template's; for export, what the address says, else bitrix24)." };
            crm.AcceptOnlyFromAmong("bitrix24", "amocrm");
            return crm;
        }
    }
}
