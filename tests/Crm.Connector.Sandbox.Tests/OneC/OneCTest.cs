using Crm.Connector.Sandbox.OneC;

namespace Crm.Connector.Sandbox.Tests.OneC;

/// <summary>A test class with its own sandbox 1C per test, disposed after it.</summary>
public abstract class OneCTest : IAsyncLifetime
{
    protected const string Counterparties = "Catalog_Контрагенты";
    protected const string Invoices = "Document_СчетНаОплатуПокупателю";
    protected const string BankReceipts = "Document_ПоступлениеНаРасчетныйСчет";

    protected SandboxOneC Sandbox { get; private set; } = null!;

    private protected OneCHttp Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await SandboxOneC.StartAsync();
        Http = new OneCHttp(Sandbox);
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    /// <summary>Creates an entity over HTTP and returns its body (201 checked).</summary>
    private protected async Task<Newtonsoft.Json.Linq.JObject> CreateAsync(string set, string json) =>
        (await Http.PostAsync(set + "?$format=json", json)).Expect(System.Net.HttpStatusCode.Created);
}
