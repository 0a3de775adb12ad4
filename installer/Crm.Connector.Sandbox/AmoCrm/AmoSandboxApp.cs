namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>The integration as the account knows it (amocrm-api.md §2.1).</summary>
/// <param name="ClientId">Integration id (client_id).</param>
/// <param name="ClientSecret">Secret key (client_secret); also the key of the uninstall hook's signature (§2.7).</param>
/// <param name="RedirectUri">The redirect URI the consent redirect goes to; null until configured or installed.</param>
/// <param name="Installed">False after <see cref="AmoCrmSandbox.UninstallAppAsync"/> (every token revoked).</param>
public sealed record AmoSandboxApp(string ClientId, string ClientSecret, Uri? RedirectUri, bool Installed)
{
    /// <summary>The secret never appears in logs or assertion messages.</summary>
    public override string ToString() => $"AmoSandboxApp({ClientId}, redirect {RedirectUri?.AbsoluteUri ?? "none"}, installed {Installed})";
}
