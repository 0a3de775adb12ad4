using Crm.Connector.Sandbox.AmoCrm;

namespace Crm.Connector.Sandbox.Tests.AmoCrm;

/// <summary>A test class with its own amoCRM account per test (no rate limit unless the test asks), disposed after it.</summary>
public abstract class AmoTest : IAsyncLifetime
{
    protected AmoCrmSandbox Sandbox { get; private set; } = null!;

    private protected AmoHttp Api { get; private set; } = null!;

    /// <summary>Options of the account; by default without the rate limit.</summary>
    protected virtual AmoCrmSandboxOptions Options => new() { RequestsPerSecond = 0 };

    public async Task InitializeAsync()
    {
        Sandbox = await AmoCrmSandbox.StartAsync(Options);
        Api = new AmoHttp(Sandbox, Sandbox.IssueTokens().AccessToken);
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
