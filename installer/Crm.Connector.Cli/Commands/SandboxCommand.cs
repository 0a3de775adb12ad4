using System.CommandLine;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>crm-connector sandbox --crm bitrix24 [--port N] [--plan P] [--json]</c>: runs a sandbox portal on loopback until
/// Ctrl+C and prints how to reach it (webhook URL, OAuth app, inspection URLs).
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
        var command = new Command("sandbox", "Run a sandbox portal on this machine until Ctrl+C.") { crm, port, plan, json };
        command.SetAction((parse, cancellationToken) => RunAsync(output, parse.GetValue(port), parse.GetValue(plan)!, parse.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, int port, string plan, bool json, CancellationToken cancellationToken)
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
            if (json)
            {
                await output.Out.WriteLineAsync(Describe(sandbox, canonical).ToString(Formatting.Indented));
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
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the portal and exit normally.
            }
        }

        return CliApp.Ok;
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
