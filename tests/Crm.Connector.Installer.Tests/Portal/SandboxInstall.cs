using Crm.Connector.Bitrix24;
using Crm.Connector.Installer.Bitrix24;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Templates.Loading;
using Crm.Connector.Templates.Model;
using Crm.Connector.Testing;

namespace Crm.Connector.Installer.Tests.Portal;

/// <summary>A sandbox portal with the app installed, and the installer pointed at it.</summary>
internal sealed class SandboxInstall : IAsyncDisposable
{
    private SandboxInstall(Bitrix24Sandbox sandbox, Bitrix24Client client, ILedgerStore ledgers)
    {
        Sandbox = sandbox;
        Client = client;
        Ledgers = ledgers;
        Installer = new TemplateInstaller(new Bitrix24Backend(client), ledgers, TimeProvider.System);
    }

    public Bitrix24Sandbox Sandbox { get; }

    public Bitrix24Client Client { get; }

    public ILedgerStore Ledgers { get; }

    public TemplateInstaller Installer { get; }

    /// <summary>The app's public address robots are registered at.</summary>
    public static readonly Uri HandlerBase = new("https://crm-connector.example.com/");

    public static async Task<SandboxInstall> StartAsync(string plan = "professional", ILedgerStore? ledgers = null, int commandsPerBatch = 50)
    {
        var sandbox = await Bitrix24Sandbox.StartAsync(new Bitrix24SandboxOptions { Plan = plan });
        var (client, _) = await SandboxInstallation.InstallAsync(
            sandbox,
            new Bitrix24ClientOptions { RequestBudget = new InMemoryRequestBudget(TimeProvider.System), RetryBaseDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 2, CommandsPerBatch = commandsPerBatch });
        return new SandboxInstall(sandbox, client, ledgers ?? new InMemoryLedgerStore());
    }

    public static CrmTemplate Template(string name)
    {
        var (path, error) = new TemplateCatalog(Path.Combine(AppContext.BaseDirectory, "templates")).Resolve(name);
        var loaded = TemplateLoader.LoadText(File.ReadAllText(path ?? throw new InvalidOperationException(error)), path);
        return loaded.IsValid ? loaded.Template! : throw new InvalidOperationException(string.Join('\n', loaded.Diagnostics));
    }

    public static InstallOptions Options(bool adopt = false, bool allowDestroy = false) => new() { HandlerBase = HandlerBase, Adopt = adopt, AllowDestroy = allowDestroy };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Sandbox.DisposeAsync();
    }
}
