using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Limits;
using Crm.Connector.Sandbox.Bitrix24;
using Crm.Connector.Testing;

namespace Crm.Connector.Bitrix24.Tests.Portal;

/// <summary>Clients pointed at a sandbox portal, each with its own request budget (tests must not share one).</summary>
internal static class SandboxClients
{
    public static Bitrix24ClientOptions Options(TimeProvider? time = null) => new()
    {
        RequestBudget = new InMemoryRequestBudget(time ?? TimeProvider.System),
        TimeProvider = time,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        Timeout = TimeSpan.FromSeconds(20),
    };

    public static Bitrix24Client Webhook(Bitrix24Sandbox sandbox, Bitrix24ClientOptions? options = null) =>
        Bitrix24Client.ForWebhook(sandbox.WebhookUrl, options ?? Options());

    /// <summary>An app installation: tokens issued by the portal, kept in an in-memory store.</summary>
    public static Task<(Bitrix24Client Client, InMemoryTokenStore Store)> InstallAsync(Bitrix24Sandbox sandbox, Bitrix24ClientOptions? options = null) =>
        SandboxInstallation.InstallAsync(sandbox, options ?? Options());
}
