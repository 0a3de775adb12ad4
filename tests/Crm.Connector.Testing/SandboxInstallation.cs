using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Auth;
using Crm.Connector.Sandbox.Bitrix24;

namespace Crm.Connector.Testing;

/// <summary>Our app installed on a sandbox portal: the portal issues tokens, an in-memory store keeps them.</summary>
public static class SandboxInstallation
{
    /// <summary>A client acting as the installed app (so app-only methods such as robots work), and its token store.</summary>
    public static async Task<(Bitrix24Client Client, InMemoryTokenStore Store)> InstallAsync(Bitrix24Sandbox sandbox, Bitrix24ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(sandbox);
        var store = new InMemoryTokenStore();
        var issued = sandbox.IssueTokens();
        await store.SaveAsync(new OAuthTokens
        {
            MemberId = sandbox.App.MemberId,
            AccessToken = issued.AccessToken,
            RefreshToken = issued.RefreshToken,
            ExpiresAt = issued.ExpiresAt,
            ClientEndpoint = sandbox.ClientEndpoint,
            UserId = issued.UserId,
        });
        var app = new OAuthAppOptions { ClientId = sandbox.App.ClientId, ClientSecret = sandbox.App.ClientSecret, TokenEndpoint = sandbox.TokenEndpoint };
        return (Bitrix24Client.ForInstallation(sandbox.App.MemberId, store, app, options), store);
    }
}
