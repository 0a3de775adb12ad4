using System.Net;
using Crm.Connector.Sandbox.Http;
using Crm.Connector.Sandbox.OneC.Core;
using Crm.Connector.Sandbox.OneC.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC;

/// <summary>
/// A stateful 1C:Бухгалтерия предприятия 3.0 on loopback, following <c>reference/onec-odata.md</c>: the standard OData
/// interface (v3, JSON) at <see cref="ServiceRoot"/> behind HTTP Basic, with the minimal composition of §1.8 published,
/// creates with client keys, PATCH, Post/Unpost, physical DELETE, the <c>$filter</c>/<c>$select</c>/<c>$orderby</c>/
/// paging subset of §1.4, and <c>odata.error</c> answers (§1.7). Test-facing methods play the accountant's side.
/// </summary>
public sealed class SandboxOneC : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly InfoBase _infoBase;
    private readonly Seed _seed;
    private int _disposed;

    private SandboxOneC(WebApplication app, InfoBase infoBase, Seed seed, Uri serviceRoot, SandboxOneCOptions options, SandboxOneCFaults faults, SandboxOneCStats stats)
    {
        _app = app;
        _infoBase = infoBase;
        _seed = seed;
        ServiceRoot = serviceRoot;
        User = options.User;
        Password = options.Password;
        Faults = faults;
        Stats = stats;
    }

    /// <summary>The OData root, <c>http://127.0.0.1:PORT/base/odata/standard.odata/</c> (with the trailing slash, §1.1).</summary>
    public Uri ServiceRoot { get; }

    /// <summary>The infobase user for HTTP Basic (UTF-8), default "Администратор".</summary>
    public string User { get; }

    /// <summary>The user's password.</summary>
    public string Password { get; }

    /// <summary>The seeded <c>Catalog_Организации</c> row.</summary>
    public Guid Organization => _seed.Organization;

    /// <summary>The seeded <c>Catalog_БанковскиеСчета</c> row (owned by <see cref="Organization"/>).</summary>
    public Guid BankAccount => _seed.BankAccount;

    /// <summary>The seeded <c>Catalog_Номенклатура</c> row «Услуги автошколы».</summary>
    public Guid ServiceItem => _seed.ServiceItem;

    /// <summary>The seeded <c>Catalog_Валюты</c> row «руб.» (code 643).</summary>
    public Guid Ruble => _seed.Ruble;

    /// <summary>Faults to inject; change them while the base runs.</summary>
    public SandboxOneCFaults Faults { get; }

    /// <summary>Live counters.</summary>
    public SandboxOneCStats Stats { get; }

    /// <summary>Starts a base on 127.0.0.1 with the seeded rows.</summary>
    /// <exception cref="IOException">The port is taken.</exception>
    public static async Task<SandboxOneC> StartAsync(SandboxOneCOptions? options = null)
    {
        options ??= new SandboxOneCOptions();
        var builder = LoopbackHost.CreateBuilder();
        ListenOptions? listener = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listener = listen));
        var app = builder.Build();

        var infoBase = new InfoBase(options.Time ?? TimeProvider.System);
        var seed = Seed.Into(infoBase);
        var faults = new SandboxOneCFaults { Latency = options.Latency };
        var stats = new SandboxOneCStats();
        ODataRouter? router = null;
        app.Run(context => router!.HandleAsync(context));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var serviceRoot = new Uri(LoopbackHost.Address(listener), ODataRouter.PublicationPath.TrimStart('/') + "/");
        router = new ODataRouter(infoBase, faults, stats, serviceRoot, options.User, options.Password);
        return new SandboxOneC(app, infoBase, seed, serviceRoot, options, faults, stats);
    }

    /// <summary>Sets every counter of <see cref="Stats"/> back to zero.</summary>
    public void ResetStats() => Stats.Reset();

    /// <summary>A copy of the entity as stored (no <c>odata.metadata</c>), or null; works for unpublished sets too.</summary>
    /// <exception cref="ArgumentException">No such entity set in the sandbox.</exception>
    public JObject? Find(string entitySet, Guid refKey) => _infoBase.Find(entitySet, refKey);

    /// <summary>Copies of every entity of the set, in creation order.</summary>
    /// <exception cref="ArgumentException">No such entity set in the sandbox.</exception>
    public IReadOnlyList<JObject> All(string entitySet) => _infoBase.All(entitySet);

    /// <summary>
    /// The accountant enters a customer payment (§2.4, §2.5): a bank receipt (<c>Document_ПоступлениеНаРасчетныйСчет</c>,
    /// to <see cref="BankAccount"/>) or a cash receipt (<c>Document_ПриходныйКассовыйОрдер</c>), <c>ВидОперации</c>
    /// "ОплатаПокупателя", of <see cref="Organization"/>, with one <c>РасшифровкаПлатежа</c> row {LineNumber "1",
    /// <c>СчетНаОплату_Key</c> (empty GUID when <paramref name="invoice"/> is null), <c>СуммаПлатежа</c>}. The composite
    /// <c>Контрагент</c> is typed <c>Catalog_Контрагенты</c>, or Undefined without a counterparty. <paramref name="purpose"/>
    /// goes to <c>НазначениеПлатежа</c> (bank) or <c>Основание</c> (cash).
    /// </summary>
    /// <returns>The new document's <c>Ref_Key</c>.</returns>
    public Guid AddReceipt(SandboxReceiptKind kind, Guid? invoice, decimal amount, DateTime date, Guid? counterparty = null, bool posted = true, string? purpose = null)
    {
        var bank = kind == SandboxReceiptKind.Bank;
        var body = new JObject
        {
            ["Date"] = Query.Values.FormatDate(date),
            ["Posted"] = posted,
            ["ВидОперации"] = "ОплатаПокупателя",
            ["Организация_Key"] = Organization.ToString("D"),
            ["Контрагент"] = (counterparty ?? Guid.Empty).ToString("D"),
            ["Контрагент_Type"] = counterparty is null ? "StandardODATA.Undefined" : "StandardODATA." + Schemas.Counterparties,
            ["СуммаДокумента"] = amount,
            ["ВалютаДокумента_Key"] = bank ? _seed.Ruble.ToString("D") : null,
            [bank ? "НазначениеПлатежа" : "Основание"] = purpose ?? "",
            ["РасшифровкаПлатежа"] = new JArray(new JObject
            {
                ["СпособПогашенияЗадолженности"] = "Автоматически",
                ["СчетНаОплату_Key"] = (invoice ?? Guid.Empty).ToString("D"),
                ["СуммаПлатежа"] = amount,
            }),
        };
        if (bank)
        {
            body["СчетОрганизации_Key"] = BankAccount.ToString("D");
        }

        var created = _infoBase.Create(bank ? Schemas.BankReceipts : Schemas.CashReceipts, body);
        return Guid.Parse(created.Value<string>("Ref_Key")!);
    }

    /// <summary>The accountant posts the document in 1C: <c>Posted</c> true, a new DataVersion (no business checks).</summary>
    /// <exception cref="KeyNotFoundException">No such document.</exception>
    /// <exception cref="ArgumentException">The set is not a document set.</exception>
    public void Post(string entitySet, Guid refKey)
    {
        if (Schemas.Find(entitySet) is not { IsDocument: true })
        {
            throw new ArgumentException($"{entitySet} is not a document set of the sandbox 1C.", nameof(entitySet));
        }

        Edit(entitySet, refKey, new JObject { ["Posted"] = true });
    }

    /// <summary>The accountant edits the object in 1C: the known properties of <paramref name="changes"/> merged (table parts whole), a new DataVersion.</summary>
    /// <exception cref="KeyNotFoundException">No such object.</exception>
    public void Edit(string entitySet, Guid refKey, JObject changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        try
        {
            _infoBase.Patch(entitySet, refKey, changes);
        }
        catch (ODataException e) when (e.Code == "9")
        {
            throw new KeyNotFoundException(e.Message, e);
        }
    }

    /// <summary>
    /// The administrator removes the set from the OData composition (§1.8): it leaves the service document and requests
    /// to it answer 404 with <c>odata.error</c> code "8" (UNCONFIRMED, §9). Its data stays (<see cref="Find"/> still works).
    /// </summary>
    public void Unpublish(string entitySet) => _infoBase.Unpublish(entitySet);

    /// <summary>Stops the web server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
