using System.CommandLine;
using System.Globalization;
using Crm.Connector.OneC;
using Crm.Connector.OneC.Query;
using Crm.Connector.Storage;
using Crm.Connector.Storage.OneC;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Commands;

/// <summary>
/// <c>crm-connector onec connect | status | disconnect --portal MEMBER</c>: an installation's 1C:Enterprise connection in
/// the function app's store (the same store as <c>settings</c>). <c>connect</c> checks the OData publication, picks the
/// organisation, service item and bank account (the only one, or the one given, read back from 1C) and saves the
/// connection with its password encrypted; nothing is written when any of that fails. The password comes from a file or
/// standard input, never from the command line.
/// </summary>
internal static class OneCCommand
{
    /// <summary>The VAT rates an invoice line may carry (1C's <c>СтавкиНДС</c> values).</summary>
    public static readonly IReadOnlyList<string> VatRates = ["БезНДС", "НДС20", "НДС22", "НДС10"];

    private static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(60);

    public static Command Create(CliOutput output) =>
        new("onec", "Connect an installation to 1C:Enterprise over OData, show what the sync keeps, or disconnect.")
        {
            Connect(output),
            Status(output),
            Disconnect(output),
        };

    private static Option<string> Portal() => new("--portal") { Description = "The installation's member id (amocrm-<account id>, or a Bitrix24 member_id).", Required = true };

    private static Option<string?> Store() => new("--store") { Description = "The store's connection string or SQLite path (default: ConnectionStrings__Store, else the local host's file)." };

    private static string? StoreOf(ParseResult parse, Option<string?> store) => parse.GetValue(store) ?? Environment.GetEnvironmentVariable("ConnectionStrings__Store");

    private static Command Connect(CliOutput output)
    {
        var portal = Portal();
        var url = new Option<string>("--url") { Description = "The infobase URL the web client opens (https://host/buh) or its …/odata/standard.odata/ URL.", Required = true };
        var user = new Option<string>("--user") { Description = "The 1C user with \"Аутентификация 1С:Предприятия\" (e.g. Администратор).", Required = true };
        var passwordFile = new Option<string?>("--password-file") { Description = "A file holding the user's password (one line). Not on the command line: the process list and shell history would show it." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (echo \"$PASS\" | crm-connector onec connect … --password-stdin)." };
        var organization = new Option<string?>("--organization") { Description = "Ref_Key of the organisation invoices are issued by (default: the only one in 1C)." };
        var bankAccount = new Option<string?>("--bank-account") { Description = "Ref_Key of the organisation's bank account printed on invoices (default: its only one)." };
        var item = new Option<string?>("--item") { Description = "Ref_Key of the Номенклатура service item invoice lines are written with (default: the only one in 1C)." };
        var vat = new Option<string>("--vat") { Description = $"The VAT rate of invoice lines: {string.Join(", ", VatRates)}.", DefaultValueFactory = _ => VatRates[0] };
        var timeZone = new Option<string>("--time-zone") { Description = "The 1C server's time zone (its dates are wall-clock times there), an IANA name.", DefaultValueFactory = _ => "Europe/Moscow" };
        var json = new Option<bool>("--json") { Description = "Print what was saved as JSON (for scripts; never the password)." };
        var store = Store();
        var command = new Command("connect", "Check a 1C base's OData publication, choose its organisation, service item and bank account, and save the connection (password encrypted). The password is read from --password-file or --password-stdin only: on the command line the process list and shell history would show it.")
        {
            portal, url, user, passwordFile, passwordStdin, organization, bankAccount, item, vat, timeZone, json, store,
        };
        command.SetAction((parse, cancellationToken) => ConnectAsync(
            output,
            new ConnectArguments(
                parse.GetValue(portal)!,
                parse.GetValue(url)!,
                parse.GetValue(user)!,
                parse.GetValue(passwordFile),
                parse.GetValue(passwordStdin),
                parse.GetValue(organization),
                parse.GetValue(bankAccount),
                parse.GetValue(item),
                parse.GetValue(vat)!,
                parse.GetValue(timeZone)!,
                parse.GetValue(json)),
            StoreOf(parse, store),
            cancellationToken));
        return command;
    }

    private static Command Status(CliOutput output)
    {
        var portal = Portal();
        var json = new Option<bool>("--json") { Description = "Print the status as JSON (money in rubles; never the password)." };
        var store = Store();
        var command = new Command("status", "Show an installation's 1C connection (no password), the invoices made in 1C and the receipts not matched to any of them.")
        {
            portal, json, store,
        };
        command.SetAction((parse, cancellationToken) => StatusAsync(output, parse.GetValue(portal)!, parse.GetValue(json), StoreOf(parse, store), cancellationToken));
        return command;
    }

    private static Command Disconnect(CliOutput output)
    {
        var portal = Portal();
        var store = Store();
        var command = new Command("disconnect", "Remove an installation's 1C connection and its stored password (invoice links and receipts are kept).")
        {
            portal, store,
        };
        command.SetAction((parse, cancellationToken) => DisconnectAsync(output, parse.GetValue(portal)!, StoreOf(parse, store), cancellationToken));
        return command;
    }

    private static async Task<int> ConnectAsync(CliOutput output, ConnectArguments args, string? storeConnection, CancellationToken cancellationToken)
    {
        var (input, errors) = await ParseAsync(output, args, cancellationToken);
        if (input is null)
        {
            return Fail(output, errors);
        }

        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = storeConnection });
        await store.MigrateAsync(cancellationToken);
        if (await store.Installations.GetAsync(args.Portal, cancellationToken) is null)
        {
            return Fail(output, [UnknownPortal(args.Portal, storeConnection)]);
        }

        using var http = new HttpClient { Timeout = HttpTimeout };
        var factory = new OneCAccountingFactory(http);
        var connection = new OneCConnection(input.ServiceRoot, args.User, input.Password);
        try
        {
            var report = await factory.CheckAsync(connection, cancellationToken);
            if (!report.Ready || report.Names is null)
            {
                var missing = report.MissingSets.Count > 0 ? $"; missing: {string.Join(", ", report.MissingSets)}" : string.Empty;
                return Fail(output, [$"--url: the 1C base at {connection.ServiceRoot} is not ready for the sync{missing}. Nothing was saved; ask the 1C administrator to publish it:", .. Lines(report.Advice).Select(line => "  " + line)]);
            }

            var client = factory.CreateClient(connection);
            var names = report.Names;
            var choices = new Choices(client, cancellationToken);
            var chosenOrganization = await choices.ChooseAsync(Catalog.Organizations(names), input.Organization, owner: null);
            var chosenItem = await choices.ChooseAsync(Catalog.Items(names), input.Item, owner: null);
            Row? chosenBank = null;
            if (chosenOrganization is not null)
            {
                chosenBank = report.MissingOptionalSets.Contains(names.BankAccounts, StringComparer.Ordinal)
                    ? choices.Unpublished(names.BankAccounts, input.BankAccount)
                    : await choices.ChooseAsync(Catalog.BankAccounts(names), input.BankAccount, chosenOrganization.Key);
            }

            if (choices.Errors.Count > 0)
            {
                return Fail(output, [.. choices.Errors, "  Nothing was saved."]);
            }

            var settings = new OneCConnectionSettings
            {
                MemberId = args.Portal,
                ServiceRoot = connection.ServiceRoot.ToString(),
                User = args.User,
                Password = input.Password,
                Organization = chosenOrganization!.Key,
                BankAccount = chosenBank?.Key,
                ServiceItem = chosenItem!.Key,
                VatRate = input.VatRate,
                TimeZone = input.TimeZone,
                Configuration = names.Configuration,
                UpdatedAt = TimeProvider.System.GetUtcNow(),
            };
            await store.OneC.SaveConnectionAsync(settings, cancellationToken);
            WriteConnected(output, args.Json, settings, chosenOrganization, chosenItem, chosenBank, report);
            return CliApp.Ok;
        }
        catch (OneCException e)
        {
            return Fail(output, [$"1C: {e.Message} Nothing was saved."]);
        }
    }

    /// <summary>Every argument checked and the password read, or every error at once.</summary>
    private static async Task<(ConnectInput? Input, List<string> Errors)> ParseAsync(CliOutput output, ConnectArguments args, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        Uri? serviceRoot = null;
        if (!Uri.TryCreate(args.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"--url: '{args.Url}' is not an http(s) address; give the infobase URL the 1C web client opens, e.g. --url https://host/buh (or its …/odata/standard.odata/ URL).");
        }
        else
        {
            serviceRoot = OneCConnection.Normalize(url);
        }

        if (string.IsNullOrWhiteSpace(args.User))
        {
            errors.Add("--user: empty; give the 1C user name, e.g. --user Администратор.");
        }

        var organization = Key("--organization", args.Organization, errors);
        var bankAccount = Key("--bank-account", args.BankAccount, errors);
        var item = Key("--item", args.Item, errors);
        var vatRate = VatRates.FirstOrDefault(rate => string.Equals(rate, args.VatRate?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (vatRate is null)
        {
            errors.Add($"--vat: '{args.VatRate}' is not a VAT rate; give one of {string.Join(", ", VatRates)}.");
        }

        if (!KnownTimeZone(args.TimeZone))
        {
            errors.Add($"--time-zone: '{args.TimeZone}' is not a known time zone; give an IANA name such as Europe/Moscow.");
        }

        var password = await PasswordAsync(output, args, errors, cancellationToken);
        return errors.Count > 0 || serviceRoot is null || password is null || vatRate is null
            ? (null, errors)
            : (new ConnectInput(serviceRoot, password, organization, bankAccount, item, vatRate, args.TimeZone), errors);
    }

    private static async Task<string?> PasswordAsync(CliOutput output, ConnectArguments args, List<string> errors, CancellationToken cancellationToken)
    {
        const string why = "the password is not taken on the command line, where the process list and shell history would show it";
        if (args.PasswordFile is not null && args.PasswordStdin)
        {
            errors.Add("--password-file, --password-stdin: give one of them, not both.");
            return null;
        }

        string text;
        if (args.PasswordFile is { } file)
        {
            try
            {
                text = await File.ReadAllTextAsync(file, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                errors.Add($"--password-file: cannot read '{file}' ({e.Message}); give a file holding the 1C user's password.");
                return null;
            }
        }
        else if (args.PasswordStdin)
        {
            text = await output.In.ReadToEndAsync(cancellationToken);
        }
        else
        {
            errors.Add($"--password-file or --password-stdin: the 1C password is missing; put it in a file (--password-file FILE) or pipe it in (--password-stdin): {why}.");
            return null;
        }

        // One line, as `echo` or an editor leaves it: the trailing line break is not part of the password.
        var password = text.TrimEnd('\r', '\n');
        if (password.Length == 0)
        {
            errors.Add($"{(args.PasswordStdin ? "--password-stdin: standard input" : $"--password-file: '{args.PasswordFile}'")} is empty; it must hold the 1C user's password.");
            return null;
        }

        return password;
    }

    private static Guid? Key(string option, string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (Guid.TryParse(text.Trim(), out var key))
        {
            return key;
        }

        errors.Add($"{option}: '{text}' is not a 1C Ref_Key (a GUID such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301); leave {option} out to see the choices 1C offers.");
        return null;
    }

    private static bool KnownTimeZone(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return false;
        }
    }

    private static void WriteConnected(CliOutput output, bool json, OneCConnectionSettings settings, Row organization, Row item, Row? bank, OneCPublicationReport report)
    {
        if (json)
        {
            output.Out.WriteLine(new JObject
            {
                ["portal"] = settings.MemberId,
                ["serviceRoot"] = settings.ServiceRoot,
                ["user"] = settings.User,
                ["configuration"] = settings.Configuration,
                ["organization"] = organization.ToJson(),
                ["serviceItem"] = item.ToJson(),
                ["bankAccount"] = bank?.ToJson(),
                ["vatRate"] = settings.VatRate,
                ["timeZone"] = settings.TimeZone,
                ["missingOptionalSets"] = new JArray(report.MissingOptionalSets),
            }.ToString(Formatting.Indented));
            return;
        }

        output.Console.MarkupLine($"[bold]{Markup.Escape(settings.MemberId)}[/]: 1C connection saved (password stored encrypted); configuration detected: {Markup.Escape(settings.Configuration)}");
        var table = new Table().AddColumn("setting").AddColumn("value");
        table.AddRow("url", Markup.Escape(settings.ServiceRoot));
        table.AddRow("user", Markup.Escape(settings.User));
        table.AddRow("organization", Markup.Escape(organization.Text));
        table.AddRow("service item", Markup.Escape(item.Text));
        table.AddRow("bank account", Markup.Escape(bank?.Text ?? "(none)"));
        table.AddRow("VAT rate", Markup.Escape(settings.VatRate));
        table.AddRow("time zone", Markup.Escape(settings.TimeZone));
        output.Console.Write(table);
        if (report.MissingOptionalSets.Count > 0)
        {
            output.ErrorConsole.MarkupLine($"[yellow]note:[/] optional objects not published: {Markup.Escape(string.Join(", ", report.MissingOptionalSets))}.");
            foreach (var line in Lines(report.Advice))
            {
                output.ErrorConsole.MarkupLine(Markup.Escape(line));
            }
        }
    }

    private static async Task<int> StatusAsync(CliOutput output, string memberId, bool json, string? storeConnection, CancellationToken cancellationToken)
    {
        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = storeConnection });
        await store.MigrateAsync(cancellationToken);
        if (await store.Installations.GetAsync(memberId, cancellationToken) is null)
        {
            return Fail(output, [UnknownPortal(memberId, storeConnection)]);
        }

        var connection = await store.OneC.GetConnectionAsync(memberId, cancellationToken);
        var invoices = await store.OneC.InvoicesAsync(memberId, cancellationToken);
        var unmatched = await store.OneC.UnmatchedAsync(memberId, cancellationToken);
        if (json)
        {
            await output.Out.WriteLineAsync(StatusJson(memberId, connection, invoices, unmatched).ToString(Formatting.Indented));
            return CliApp.Ok;
        }

        WriteStatus(output, memberId, connection, invoices, unmatched);
        return CliApp.Ok;
    }

    /// <summary>The status as data, for scripts: no password.</summary>
    private static JObject StatusJson(string memberId, OneCConnectionSettings? connection, IReadOnlyList<OneCInvoiceLink> invoices, IReadOnlyList<OneCStoredReceipt> unmatched) =>
        new()
        {
            ["portal"] = memberId,
            ["connection"] = connection is null ? null : new JObject
            {
                ["serviceRoot"] = connection.ServiceRoot,
                ["user"] = connection.User,
                ["configuration"] = connection.Configuration,
                ["organization"] = connection.Organization,
                ["bankAccount"] = connection.BankAccount,
                ["serviceItem"] = connection.ServiceItem,
                ["vatRate"] = connection.VatRate,
                ["timeZone"] = connection.TimeZone,
                ["updatedAt"] = connection.UpdatedAt,
                ["polledAt"] = connection.PolledAt,
                ["pollError"] = connection.PollError,
            },
            ["invoices"] = new JArray(invoices.Select(i => new JObject
            {
                ["entity"] = i.Entity,
                ["itemId"] = i.ItemId,
                ["refKey"] = i.RefKey,
                ["number"] = i.Number,
                ["total"] = Rubles(i.Total),
                ["paid"] = Rubles(i.Paid),
                ["posted"] = i.Posted,
                ["conflict"] = i.Conflict,
            })),
            ["unmatched"] = new JArray(unmatched.Select(r => new JObject
            {
                ["refKey"] = r.RefKey,
                ["kind"] = r.Kind,
                ["number"] = r.Number,
                ["date"] = r.Date.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
                ["amount"] = Rubles(r.Amount),
                ["purpose"] = r.Purpose,
                ["posted"] = r.Posted,
            })),
        };

    /// <summary>The status as tables: the connection, the invoices, the receipts a person should look at.</summary>
    private static void WriteStatus(CliOutput output, string memberId, OneCConnectionSettings? connection, IReadOnlyList<OneCInvoiceLink> invoices, IReadOnlyList<OneCStoredReceipt> unmatched)
    {
        if (connection is null)
        {
            output.Console.MarkupLine($"[bold]{Markup.Escape(memberId)}[/]: not connected to 1C (crm-connector onec connect --portal {Markup.Escape(memberId)} …)");
        }
        else
        {
            output.Console.MarkupLine($"[bold]{Markup.Escape(memberId)}[/]: connected to 1C ({Markup.Escape(connection.Configuration)})");
            var table = new Table().AddColumn("setting").AddColumn("value");
            table.AddRow("url", Markup.Escape(connection.ServiceRoot));
            table.AddRow("user", Markup.Escape(connection.User));
            table.AddRow("organization", connection.Organization.ToString());
            table.AddRow("service item", connection.ServiceItem.ToString());
            table.AddRow("bank account", connection.BankAccount?.ToString() ?? "(none)");
            table.AddRow("VAT rate", Markup.Escape(connection.VatRate));
            table.AddRow("time zone", Markup.Escape(connection.TimeZone));
            table.AddRow("last poll", connection.PolledAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never");
            table.AddRow("poll error", Markup.Escape(connection.PollError ?? "none"));
            output.Console.Write(table);
        }

        output.Console.MarkupLine($"Invoices in 1C: {invoices.Count}");
        if (invoices.Count > 0)
        {
            var table = new Table().AddColumn("item").AddColumn("number").AddColumn(new TableColumn("total").RightAligned()).AddColumn(new TableColumn("paid").RightAligned()).AddColumn("posted").AddColumn("conflict");
            foreach (var i in invoices)
            {
                table.AddRow(Markup.Escape($"{i.Entity} {i.ItemId}"), Markup.Escape(i.Number ?? "-"), Money(i.Total), Money(i.Paid), i.Posted ? "yes" : "no", Markup.Escape(i.Conflict ?? string.Empty));
            }

            output.Console.Write(table);
        }

        output.Console.MarkupLine($"Receipts not matched to an invoice: {unmatched.Count}");
        if (unmatched.Count > 0)
        {
            var table = new Table().AddColumn("number").AddColumn("date").AddColumn(new TableColumn("amount").RightAligned()).AddColumn("purpose");
            foreach (var r in unmatched)
            {
                table.AddRow(Markup.Escape(r.Number ?? "-"), r.Date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Money(r.Amount), Markup.Escape(r.Purpose ?? string.Empty));
            }

            output.Console.Write(table);
        }
    }

    private static async Task<int> DisconnectAsync(CliOutput output, string memberId, string? storeConnection, CancellationToken cancellationToken)
    {
        await using var store = StoreFactory.Create(new StoreOptions { ConnectionString = storeConnection });
        await store.MigrateAsync(cancellationToken);
        if (await store.Installations.GetAsync(memberId, cancellationToken) is null)
        {
            return Fail(output, [UnknownPortal(memberId, storeConnection)]);
        }

        var removed = await store.OneC.DeleteConnectionAsync(memberId, cancellationToken);
        output.Console.MarkupLine(removed
            ? $"[bold]{Markup.Escape(memberId)}[/]: 1C connection and its password removed; invoice links and receipts are kept."
            : $"[bold]{Markup.Escape(memberId)}[/]: had no 1C connection; nothing to remove.");
        return CliApp.Ok;
    }

    private static string UnknownPortal(string memberId, string? storeConnection) =>
        $"--portal: no installation '{memberId}' in the store{(storeConnection is null ? $" ({StoreOptions.DefaultSqlitePath})" : string.Empty)}; amoCRM installations are amocrm-<account id>. Give --store if the app uses another store.";

    private static decimal Rubles(long kopecks) => kopecks / 100m;

    private static string Money(long kopecks) => Rubles(kopecks).ToString("0.00", CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);

    private static int Fail(CliOutput output, IEnumerable<string> errors)
    {
        foreach (var error in errors)
        {
            // An indented line (advice, a choice) belongs to the error above it.
            output.ErrorConsole.MarkupLine(error.StartsWith(' ') ? Markup.Escape(error) : $"[red]error:[/] {Markup.Escape(error)}");
        }

        return CliApp.Failed;
    }

    private sealed record ConnectArguments(
        string Portal,
        string Url,
        string User,
        string? PasswordFile,
        bool PasswordStdin,
        string? Organization,
        string? BankAccount,
        string? Item,
        string VatRate,
        string TimeZone,
        bool Json);

    private sealed record ConnectInput(Uri ServiceRoot, string Password, Guid? Organization, Guid? BankAccount, Guid? Item, string VatRate, string TimeZone);

    /// <summary>A catalog row chosen in 1C.</summary>
    private sealed record Row(Guid Key, string Description)
    {
        public string Text => $"{Description} ({Key})";

        public JObject ToJson() => new() { ["refKey"] = Key, ["description"] = Description };
    }

    /// <summary>A catalog to choose from: its set, the option naming it, what a row is called, and whether it has folders or an owner.</summary>
    private sealed record Catalog(string Set, string Option, string Noun, bool Hierarchical, bool Owned)
    {
        public static Catalog Organizations(OneCEntityNames names) => new(names.Organizations, "--organization", "organisation", false, false);

        public static Catalog Items(OneCEntityNames names) => new(names.Items, "--item", "service item", true, false);

        public static Catalog BankAccounts(OneCEntityNames names) => new(names.BankAccounts, "--bank-account", "bank account of the organisation", false, true);

        public string[] Fields => ["Ref_Key", "Description", "DeletionMark", .. Hierarchical ? ["IsFolder"] : Array.Empty<string>(), .. Owned ? ["Owner"] : Array.Empty<string>()];
    }

    /// <summary>Picks catalog rows in 1C, collecting every problem as an error naming the option and the fix.</summary>
    private sealed class Choices(OneCClient client, CancellationToken cancellationToken)
    {
        public List<string> Errors { get; } = [];

        /// <summary>The row <paramref name="given"/> (checked in 1C), else the only usable one; null with an error otherwise (a bank account may be none).</summary>
        public async Task<Row?> ChooseAsync(Catalog catalog, Guid? given, Guid? owner)
        {
            if (given is { } key)
            {
                var entity = await client.GetAsync(catalog.Set, key, catalog.Fields, cancellationToken);
                var problem = entity is null ? $"1C has no {catalog.Noun} with this Ref_Key in {catalog.Set}"
                    : entity.Value<bool?>("DeletionMark") == true ? $"that {catalog.Noun} is marked for deletion in 1C"
                    : catalog.Hierarchical && entity.Value<bool?>("IsFolder") == true ? $"that is a folder of {catalog.Set}, not an element"
                    : owner is { } o && !SameKey(entity["Owner"], o) ? $"that bank account belongs to another owner, not the organisation {o}"
                    : null;
                if (problem is null)
                {
                    return ToRow(entity!);
                }

                Errors.Add($"{catalog.Option}: {key}: {problem}; leave {catalog.Option} out to see the choices 1C offers, or give one of their Ref_Keys.");
                return null;
            }

            var rows = (await client.ListAsync(new ODataQuery(catalog.Set).Select(catalog.Fields), cancellationToken))
                .Where(r => r.Value<bool?>("DeletionMark") != true)
                .Where(r => !catalog.Hierarchical || r.Value<bool?>("IsFolder") != true)
                .Where(r => owner is not { } o || SameKey(r["Owner"], o))
                .Select(ToRow)
                .ToList();
            switch (rows.Count)
            {
                case 1:
                    return rows[0];
                case 0 when catalog.Owned:
                    return null;
                case 0:
                    Errors.Add($"{catalog.Option}: 1C has no {catalog.Noun} in {catalog.Set} (none that is not a folder or marked for deletion); create one in 1C, then connect again.");
                    return null;
                default:
                    Errors.Add($"{catalog.Option}: 1C offers {rows.Count} in {catalog.Set}; choose one with {catalog.Option} REF_KEY:");
                    Errors.AddRange(rows.Select(r => $"  {r.Key}  {r.Description}"));
                    return null;
            }
        }

        /// <summary>The bank accounts catalog is not published: no account, unless one was asked for.</summary>
        public Row? Unpublished(string set, Guid? given)
        {
            if (given is not null)
            {
                Errors.Add($"--bank-account: {set} is not published in 1C's OData, so the account cannot be checked; publish it («{OneCPublicationReport.CompositionPath}») or leave --bank-account out.");
            }

            return null;
        }

        private static Row ToRow(JObject entity) => new(Guid.Parse(entity.Value<string>("Ref_Key")!), entity.Value<string>("Description") ?? string.Empty);

        private static bool SameKey(JToken? token, Guid key) => Guid.TryParse(token?.Type == JTokenType.String ? token.Value<string>() : null, out var value) && value == key;
    }
}
