using Crm.Connector.Sandbox.Bitrix24;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>A test class with its own sandbox portal per test, disposed after it.</summary>
public abstract class SandboxTest : IAsyncLifetime
{
    protected Bitrix24Sandbox Sandbox { get; private set; } = null!;

    private protected RawRest Rest { get; private set; } = null!;

    /// <summary>Options of the portal; by default a bucket big enough never to refuse.</summary>
    protected virtual Bitrix24SandboxOptions Options => Sandboxes.Roomy();

    public async Task InitializeAsync()
    {
        Sandbox = await Bitrix24Sandbox.StartAsync(Options);
        Rest = new RawRest(Sandbox);
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
