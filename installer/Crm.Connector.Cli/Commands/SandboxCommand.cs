using System.CommandLine;
using Crm.Connector.Sandbox.AmoCrm;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>crm-connector sandbox --crm bitrix24 [--port N] [--plan P] [--client-id ID --client-secret S] [--member-id M]
/// [--install-app URL] [--json]</c>: runs a sandbox portal on loopback until Ctrl+C and prints how to reach it (webhook
/// URL, OAuth app, member id, inspection URLs) and the settings an app needs to be installed into it. The OAuth
/// credentials and member id are new on every start unless given, so an app can be configured before the portal
/// starts — which <c>--install-app</c> needs, since it installs at once. With
/// <c>--install-app</c> the portal then installs the app at that URL as Bitrix24 does (bitrix24-rest.md §1.2, §1.3:
/// the installation callback, then ONAPPINSTALL) and prints what the app answered; an app that is down or answers an
/// error is reported on one line and the portal keeps running.
/// <para>
/// <c>crm-connector sandbox --crm amocrm [--port N] [--client-id ID --client-secret S] [--install-app REDIRECT-URI]
/// [--uninstall-app HOOK-URL] [--json]</c> runs an amoCRM sandbox account instead and prints its host, account id,
/// the integration's id and secret key, a long-lived token and the inspection URLs. <c>--install-app</c> plays the
/// consent redirect (amocrm-api.md §2.3: GET with code, state, referer, client_id), <c>--uninstall-app</c> the "access
/// revoked" hook (§2.7, signed; revokes every token) — after the install when both are given.
/// </para>
/// </summary>
internal static class SandboxCommand
{
    public static Command Create(CliOutput output)
    {
        var crm = new Option<string>("--crm") { Description = "Which CRM to emulate.", DefaultValueFactory = _ => "bitrix24" };
        crm.AcceptOnlyFromAmong("bitrix24", "amocrm");
        var port = new Option<int>("--port") { Description = "Port of the portal address (default: any free port)." };
        var plan = new Option<string>("--plan") { Description = "The portal's plan: free, basic, standard, professional, enterprise.", DefaultValueFactory = _ => "professional" };
        var json = new Option<bool>("--json") { Description = "Print the addresses as JSON (for scripts)." };
        var installApp = new Option<string?>("--install-app")
        {
            Description = "Once the portal runs, install the app at this URL as Bitrix24 does (installation callback, then ONAPPINSTALL), e.g. http://localhost:7071/api/bitrix24/install.",
            HelpName = "url",
        };
        var clientId = new Option<string?>("--client-id") { Description = "The app's OAuth client id (default: a new one each start); configure the app with the same.", HelpName = "id" };
        var clientSecret = new Option<string?>("--client-secret") { Description = "The app's OAuth client secret (default: a new one each start).", HelpName = "secret" };
        var memberId = new Option<string?>("--member-id") { Description = "The portal's member_id (default: a new one each start).", HelpName = "id" };
        var uninstallApp = new Option<string?>("--uninstall-app")
        {
            Description = "amoCRM only: once the account runs (and after --install-app), send the signed \"access revoked\" hook to this URL, e.g. http://localhost:7071/api/amocrm/uninstall.",
            HelpName = "url",
        };
        var command = new Command("sandbox", "Run a sandbox portal on this machine until Ctrl+C.") { crm, port, plan, clientId, clientSecret, memberId, installApp, uninstallApp, json };
        command.SetAction((parse, cancellationToken) => parse.GetValue(crm) == "amocrm"
            ? RunAmoCrmAsync(
                output,
                parse.GetValue(port),
                new Credentials(parse.GetValue(clientId), parse.GetValue(clientSecret), parse.GetValue(memberId)),
                parse.GetValue(installApp),
                parse.GetValue(uninstallApp),
                parse.GetValue(json),
                cancellationToken)
            : parse.GetValue(uninstallApp) is not null
                ? Refuse(output, "--uninstall-app is for --crm amocrm; a Bitrix24 portal is uninstalled through POST /_sandbox/uninstall-app.")
                : RunAsync(
                    output,
                    parse.GetValue(port),
                    parse.GetValue(plan)!,
                    new Credentials(parse.GetValue(clientId), parse.GetValue(clientSecret), parse.GetValue(memberId)),
                    parse.GetValue(installApp),
                    parse.GetValue(json),
                    cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliOutput output, int port, string plan, Credentials credentials, string? installApp, bool json, CancellationToken cancellationToken)
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

        foreach (var (option, value) in new[] { ("--client-id", credentials.ClientId), ("--client-secret", credentials.ClientSecret), ("--member-id", credentials.MemberId) })
        {
            if (value is not null && !Credentials.IsWellFormed(value))
            {
                output.ErrorConsole.MarkupLine($"[red]error:[/] {option} takes 1 to 128 Latin letters, digits, '.', '_' or '-', not '{Markup.Escape(value)}'.");
                return CliApp.Failed;
            }
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
            sandbox = await Bitrix24Sandbox.StartAsync(
                new Bitrix24SandboxOptions { Port = port, Plan = canonical, ClientId = credentials.ClientId, ClientSecret = credentials.ClientSecret, MemberId = credentials.MemberId },
                cancellationToken);
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
                    table.AddRow("Member id", Markup.Escape(sandbox.App.MemberId));
                    table.AddRow("Inspect", Markup.Escape($"{sandbox.BaseUrl}_sandbox/stats  {sandbox.BaseUrl}_sandbox/state (application token, everything the portal holds)"));
                    output.Console.MarkupLine($"[green]Bitrix24 sandbox portal[/] (plan {canonical}) is running. Press Ctrl+C to stop.");
                    output.Console.Write(table);
                    output.Console.MarkupLine("The function app installed into this portal needs these settings (fixed across starts with --port, --client-id, --client-secret, --member-id):");
                    foreach (var (name, value) in AppSettings(sandbox))
                    {
                        output.Console.MarkupLine($"  {Markup.Escape(name)}={Markup.Escape(value)}");
                    }

                    if (installUrl is not null)
                    {
                        output.Console.MarkupLine($"Installing the app at {Markup.Escape(installUrl.AbsoluteUri)} as member {Markup.Escape(sandbox.App.MemberId)} (it must already run with the settings above):");
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

    private static Task<int> Refuse(CliOutput output, string message)
    {
        output.ErrorConsole.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        return Task.FromResult(CliApp.Failed);
    }

    /// <summary>Runs an amoCRM sandbox account until Ctrl+C (see the class summary).</summary>
    private static async Task<int> RunAmoCrmAsync(CliOutput output, int port, Credentials credentials, string? installApp, string? uninstallApp, bool json, CancellationToken cancellationToken)
    {
        var urls = new Dictionary<string, Uri>(StringComparer.Ordinal);
        if (AmoCrmArgumentError(port, credentials, installApp, uninstallApp, urls) is { } error)
        {
            return await Refuse(output, error);
        }

        AmoCrmSandbox sandbox;
        try
        {
            sandbox = await AmoCrmSandbox.StartAsync(new AmoCrmSandboxOptions { Port = port, ClientId = credentials.ClientId, ClientSecret = credentials.ClientSecret }, cancellationToken);
        }
        catch (IOException e)
        {
            return await Refuse(output, $"cannot listen on port {port}: {e.Message}. Pick another --port or leave it out.");
        }

        await using (sandbox)
        {
            try
            {
                var longLived = sandbox.IssueLongLivedToken(TimeSpan.FromDays(365));
                var described = DescribeAmoCrm(sandbox, longLived);
                if (!json)
                {
                    PrintAmoCrm(output, sandbox, longLived);
                }

                await ActAsMarketplaceAsync(output, sandbox, urls, described, json, cancellationToken);
                if (json)
                {
                    await output.Out.WriteLineAsync(described.ToString(Formatting.Indented));
                }

                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: stop the account and exit normally.
            }
        }

        return CliApp.Ok;
    }

    /// <summary>What is wrong with the amoCRM sandbox's options, or null; the marketplace URLs go into <paramref name="urls"/>.</summary>
    private static string? AmoCrmArgumentError(int port, Credentials credentials, string? installApp, string? uninstallApp, Dictionary<string, Uri> urls)
    {
        if (port is < 0 or > 65535)
        {
            return $"--port must be between 1 and 65535 (or 0 for any free port), not {port}.";
        }

        if (credentials.MemberId is not null)
        {
            return "--member-id is for --crm bitrix24; an amoCRM account has an account id instead.";
        }

        foreach (var (option, value) in new[] { ("--client-id", credentials.ClientId), ("--client-secret", credentials.ClientSecret) })
        {
            if (value is not null && !Credentials.IsWellFormed(value))
            {
                return $"{option} takes 1 to 128 Latin letters, digits, '.', '_' or '-', not '{value}'.";
            }
        }

        foreach (var (option, value, example) in new[] { ("--install-app", installApp, "http://localhost:7071/api/amocrm/install"), ("--uninstall-app", uninstallApp, "http://localhost:7071/api/amocrm/uninstall") })
        {
            if (value is null)
            {
                continue;
            }

            if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                return $"{option} needs an absolute http or https URL (e.g. {example}), not '{value}'.";
            }

            urls[option] = url;
        }

        return null;
    }

    private static void PrintAmoCrm(CliOutput output, AmoCrmSandbox sandbox, string longLived)
    {
        var table = new Grid().AddColumn().AddColumn();
        table.AddRow("[bold]Account host[/]", Markup.Escape(sandbox.BaseUrl.AbsoluteUri));
        table.AddRow("Account id", sandbox.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("Subdomain", Markup.Escape(sandbox.Subdomain));
        table.AddRow("Integration id (client_id)", Markup.Escape(sandbox.App.ClientId));
        table.AddRow("Secret key (client_secret)", Markup.Escape(sandbox.App.ClientSecret));
        table.AddRow("Token endpoint", Markup.Escape(sandbox.TokenEndpoint.AbsoluteUri));
        table.AddRow("Long-lived token", Markup.Escape(longLived));
        table.AddRow("Inspect", Markup.Escape($"{sandbox.BaseUrl}_sandbox/stats  {sandbox.BaseUrl}_sandbox/state"));
        output.Console.MarkupLine($"[green]amoCRM sandbox account[/] ({Markup.Escape(sandbox.Subdomain)}) is running. Press Ctrl+C to stop.");
        output.Console.Write(table);
    }

    /// <summary>The consent redirect and the "access revoked" hook, when asked for, with what the app answered.</summary>
    private static async Task ActAsMarketplaceAsync(CliOutput output, AmoCrmSandbox sandbox, Dictionary<string, Uri> urls, JObject described, bool json, CancellationToken cancellationToken)
    {
        foreach (var (option, name) in new[] { ("--install-app", "install"), ("--uninstall-app", "uninstall") })
        {
            if (!urls.TryGetValue(option, out var url))
            {
                continue;
            }

            var result = name == "install"
                ? await sandbox.InstallAppAsync(url, state: null, cancellationToken)
                : await sandbox.UninstallAppAsync(url, cancellationToken);
            var title = name == "install" ? "consent redirect" : "access revoked hook";
            described[name] = new JObject
            {
                ["url"] = url.AbsoluteUri,
                ["succeeded"] = result.Succeeded,
                ["status"] = result.StatusCode,
                ["body"] = Excerpt(result.Body),
                ["error"] = result.Error,
            };
            if (!json)
            {
                var outcome = result.StatusCode == 0 ? $"[red]no answer[/] ({Markup.Escape(result.Error ?? "")})" : $"{(result.Succeeded ? "[green]" : "[red]")}{result.StatusCode}[/]";
                output.Console.MarkupLine($"  {title} → {outcome}");
            }

            if (!result.Succeeded)
            {
                var why = result.StatusCode == 0 ? $"no answer ({result.Error})" : $"HTTP {result.StatusCode}";
                output.ErrorConsole.MarkupLine($"[yellow]warning:[/] {Markup.Escape($"{title} to {url.AbsoluteUri} failed — {why}. The account keeps running; to try again: curl -X POST {sandbox.BaseUrl}_sandbox/{name}-app -d url={url.AbsoluteUri}")}");
            }
        }
    }

    private static JObject DescribeAmoCrm(AmoCrmSandbox sandbox, string longLivedToken) => new()
    {
        ["crm"] = "amocrm",
        ["baseUrl"] = sandbox.BaseUrl.AbsoluteUri,
        ["accountId"] = sandbox.AccountId,
        ["subdomain"] = sandbox.Subdomain,
        ["clientId"] = sandbox.App.ClientId,
        ["clientSecret"] = sandbox.App.ClientSecret,
        ["tokenEndpoint"] = sandbox.TokenEndpoint.AbsoluteUri,
        ["longLivedToken"] = longLivedToken,
        ["stats"] = new Uri(sandbox.BaseUrl, "_sandbox/stats").AbsoluteUri,
        ["state"] = new Uri(sandbox.BaseUrl, "_sandbox/state").AbsoluteUri,
    };

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

    /// <summary>What the function app must be configured with to accept an installation from this portal.</summary>
    private static IEnumerable<(string Name, string Value)> AppSettings(Bitrix24Sandbox sandbox) =>
    [
        ("Bitrix24__ClientId", sandbox.App.ClientId),
        ("Bitrix24__ClientSecret", sandbox.App.ClientSecret),
        ("Bitrix24__TokenEndpoint", sandbox.TokenEndpoint.AbsoluteUri),
        ("Bitrix24__PortalDomains__0", sandbox.BaseUrl.Authority),
    ];

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
        ["appSettings"] = new JObject(AppSettings(sandbox).Select(s => new JProperty(s.Name, s.Value))),
        ["stats"] = new Uri(sandbox.BaseUrl, "_sandbox/stats").AbsoluteUri,
        ["state"] = new Uri(sandbox.BaseUrl, "_sandbox/state").AbsoluteUri,
    };

    /// <summary>The app's OAuth credentials and the portal's member id as given on the command line (null: a new one).</summary>
    private sealed record Credentials(string? ClientId, string? ClientSecret, string? MemberId)
    {
        /// <summary>They travel in URLs and forms: plain characters only.</summary>
        public static bool IsWellFormed(string value) =>
            value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
    }
}
