namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>The marketplace application installed on the sandbox portal (one per portal).</summary>
/// <param name="ClientId">OAuth client id (<c>app.xxxx.yyyy</c> form).</param>
/// <param name="ClientSecret">OAuth client secret (only ever sent to the token endpoint).</param>
/// <param name="ApplicationToken">The secret that authenticates events and robot calls (<c>auth[application_token]</c>).</param>
/// <param name="MemberId">The portal's stable id.</param>
public sealed record SandboxApp(string ClientId, string ClientSecret, string ApplicationToken, string MemberId);
