using System.CommandLine;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>crm-connector sandbox --crm bitrix24 [--port N] [--plan P] [--install-app URL] [--json]</c>: runs a sandbox portal
/// on loopback until Ctrl+C and prints how to reach it (webhook URL, OAuth app, inspection URLs). With
/// <c>--install-app</c> the portal then installs the app at that URL as Bitrix24 does (bitrix24-rest.md §1.2, §1.3:
/// the installation callback, then ONAPPINSTALL) and prints what the app answered; an app that is down or answers an
/// error is reported on one line and the portal keeps running.
/// </summary>
internal static class SandboxCommand
{
    public static Command Create(CliOutput output)
    {
        var crm = new Option<string>("--crm") { Description = "Which CRM to emulate.", DefaultValueFactory = _ => "bitrix24" };
        crm.AcceptOnlyFromAmong("bitrix24");
        var port = new Option<int>("--port") { Description = "Port of the portal address (default: any free port)." };
        var plan = new Option<string>("--plan") { Description = "The portal's plan: free, basic, standard, professional, enterprise.", DefaultValueFactory = _ => "professional" };
        var json = new Option<bool>("--json") { Description = "Print the addresses as JSON (for scripts)." };
        var installApp = new Option<string?>("--install-app")
        {
            Description = "Once the portal runs, install the app at this URL as Bitrix24 does (installation callback, then ONAPPINSTALL), e.g. http://localhost:7071/api/bitrix24/install.",
            HelpName = "url",
        };
        var command = new Command("sandbox", "Run a sandbox portal on this machine until Ctrl+C.") { crm, port, plan, installApp, json };
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse.GetValue(port), parse.GetValue(plan)!, parse.GetValue(installApp), parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, int port, string plan, string? installApp, bool json, CancellationToken cancellationToken)
    {
        var canonical = PlanCatalog.Normalize(CrmKind.Bitrix24, plan);
        if (canonical is null)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] '{Markup.Escape(plan)}' is not a Bitrix24 plan; use one of {string.Join(", ", PlanCatalog.PlansOf(CrmKind.Bitrix24))}.");
            return CliApp.Failed;
        }

        if (port is < 0 or > 65535)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] --port must be between 1 and 65535 (or 0 for any free port), not {port}.");
            return CliApp.Failed;
        }

        Uri? installUrl = null;
        if (installApp is not null)
        {
            if (!Uri.TryCreate(installApp.Trim(), UriKind.Absolute, out installUrl) || (installUrl.Scheme != Uri.UriSchemeHttp && installUrl.Scheme != Uri.UriSchemeHttps))
            {
                output.ErrorConsole.MarkupLine($"[red]error:[/] --install-app needs the app's absolute http or https installation URL (e.g. http://localhost:7071/api/bitrix24/install), not '{Markup.Escape(installApp)}'.");
                return CliApp.Failed;
            }
        }

        Bitrix24Sandbox sandbox;
        try
        {
            sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Port = port, Plan = canonical }, cancellationToken);
        }
        catch (IOException e)
        {
            output.ErrorConsole.MarkupLine($"[red]error:[/] cannot listen on port {port}: {Markup.Escape(e.Message)}. Pick another --port or leave it out.");
            return CliApp.Failed;
        }

        await using (sandbox)
        {
            try
            {
                if (json)
                {
                    var described = Describe(sandbox, canonical);
                    if (installUrl is not null)
                    {
                        var result = await sandbox.InstallAppAsync(installUrl, cancellationToken: cancellationToken);
                        described["install"] = DescribeInstall(installUrl, result);
                        ReportFailure(output, sandbox, installUrl, result);
                    }

                    await output.Out.WriteLineAsync(described.ToString(Formatting.Indented));
                }
                else
                {
                    var table = new Grid().AddColumn().AddColumn();
                    table.AddRow("[bold]Webhook URL[/]", Markup.Escape(sandbox.WebhookUrl.AbsoluteUri));
                    table.AddRow("Portal", Markup.Escape(sandbox.BaseUrl.AbsoluteUri));
                    table.AddRow("OAuth client id", Markup.Escape(sandbox.App.ClientId));
                    table.AddRow("OAuth client secret", Markup.Escape(sandbox.App.ClientSecret));
                    table.AddRow("Token endpoint", Markup.Escape(sandbox.TokenEndpoint.AbsoluteUri));
                    table.AddRow("Inspect", Markup.Escape($"{sandbox.BaseUrl}_sandbox/stats  {sandbox.BaseUrl}_sandbox/state"));
                    output.Console.MarkupLine($"[green]Bitrix24 sandbox portal[/] (plan {canonical}) is running. Press Ctrl+C to stop.");
                    output.Console.Write(table);
                    if (installUrl is not null)
                    {
                        output.Console.MarkupLine($"Installing the app at {Markup.Escape(installUrl.AbsoluteUri)} (configure it with the client id, secret and token endpoint above):");
                        var result = await sandbox.InstallAppAsync(installUrl, cancellationToken: cancellationToken);
                        foreach (var post in result.Posts)
                        {
                            var outcome = post.StatusCode == 0 ? $"[red]no answer[/] ({Markup.Escape(post.Error ?? "")})" : $"{(post.Succeeded ? "[green]" : "[red]")}{post.StatusCode}[/]";
                            var body = Excerpt(post.Body);
                            output.Console.MarkupLine($"  {Markup.Escape(Title(post))} → {outcome}{(body.Length > 0 ? "  " + Markup.Escape(body) : "")}");
                        }

                        ReportFailure(output, sandbox, installUrl, result);
                    }
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the portal and exit normally.
            }
        }

        return CliApp.Ok;
    }

    /// <summary>One line on standard error when a POST failed: the URL and each failed message's status.</summary>
    private static void ReportFailure(CliOutput output, Bitrix24Sandbox sandbox, Uri installUrl, SandboxInstallResult result)
    {
        if (result.Succeeded)
        {
            return;
        }

        var failures = result.Posts.Where(p => !p.Succeeded).Select(p => p.StatusCode == 0
            ? $"{Title(p)}: no answer ({p.Error})"
            : $"{Title(p)}: HTTP {p.StatusCode}{(Excerpt(p.Body) is { Length: > 0 } body ? " " + body : "")}");
        output.ErrorConsole.MarkupLine($"[yellow]warning:[/] installing the app at {Markup.Escape(installUrl.AbsoluteUri)} failed — {Markup.Escape(string.Join("; ", failures) + $". The portal keeps running; to try again: curl -X POST {sandbox.BaseUrl}_sandbox/install-app -d url={installUrl.AbsoluteUri}")}");
    }

    private static JObject DescribeInstall(Uri installUrl, SandboxInstallResult result) => new()
    {
        ["url"] = installUrl.AbsoluteUri,
        ["succeeded"] = result.Succeeded,
        ["version"] = result.Version,
        ["posts"] = new JArray(result.Posts.Select(p => new JObject
        {
            ["name"] = p.Name,
            ["status"] = p.StatusCode,
            ["body"] = Excerpt(p.Body),
            ["error"] = p.Error,
        })),
    };

    private static string Title(SandboxInstallPost post) => post.Name == SandboxInstallPost.Callback ? "install callback" : post.Name;

    /// <summary>The start of an answer on one line (at most 120 characters).</summary>
    private static string Excerpt(string body)
    {
        var line = string.Join(' ', body.Split((char[])['\r', '\n', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 120 ? line : line[..120] + "…";
    }

    private static JObject Describe(Bitrix24Sandbox sandbox, string plan) => new()
    {
        ["crm"] = "bitrix24",
        ["plan"] = plan,
        ["webhookUrl"] = sandbox.WebhookUrl.AbsoluteUri,
        ["portal"] = sandbox.BaseUrl.AbsoluteUri,
        ["clientEndpoint"] = sandbox.ClientEndpoint.AbsoluteUri,
        ["tokenEndpoint"] = sandbox.TokenEndpoint.AbsoluteUri,
        ["clientId"] = sandbox.App.ClientId,
        ["clientSecret"] = sandbox.App.ClientSecret,
        ["memberId"] = sandbox.App.MemberId,
        ["stats"] = new Uri(sandbox.BaseUrl, "_sandbox/stats").AbsoluteUri,
        ["state"] = new Uri(sandbox.BaseUrl, "_sandbox/state").AbsoluteUri,
    };
}
