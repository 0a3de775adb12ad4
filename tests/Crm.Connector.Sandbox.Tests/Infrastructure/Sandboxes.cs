using Crm.Connector.Sandbox.Bitrix24;

namespace Crm.Connector.Sandbox.Tests.Infrastructure;

/// <summary>Sandbox options for tests that are not about the rate limit: a bucket big enough never to refuse.</summary>
internal static class Sandboxes
{
    public static Bitrix24SandboxOptions Roomy(TimeProvider? clock = null) => new() { Burst = 100_000, DrainPerSecond = 1_000, TimeProvider = clock };

    public static Task<Bitrix24Sandbox> StartAsync(Bitrix24SandboxOptions? options = null) => Bitrix24Sandbox.StartAsync(options ?? Roomy());
}
