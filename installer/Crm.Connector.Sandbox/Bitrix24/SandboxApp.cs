namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>The marketplace application installed on the sandbox portal (one per portal).</summary>
/// <param name="ClientId">OAuth client id (<c>app.xxxx.yyyy</c> form).</param>
/// <param name="ClientSecret">OAuth client secret (only ever sent to the token endpoint).</param>
/// <param name="ApplicationToken">
/// The secret that authenticates events and robot calls (<c>auth[application_token]</c>); a new one after
/// <see cref="Bitrix24Sandbox.UpdateAppAsync"/> (bitrix24-rest.md §1.4) and on a reinstall after an uninstall.
/// </param>
/// <param name="MemberId">The portal's stable id.</param>
public sealed record SandboxApp(string ClientId, string ClientSecret, string ApplicationToken, string MemberId)
{
    /// <summary>
    /// Whether the app is installed. A portal starts with the app installed (tokens can be issued at once);
    /// <see cref="Bitrix24Sandbox.UninstallAppAsync"/> clears it until the next <see cref="Bitrix24Sandbox.InstallAppAsync"/>.
    /// </summary>
    public bool Installed { get; init; } = true;

    /// <summary>The installed version (<c>app.info</c> VERSION, ONAPPINSTALL/ONAPPUPDATE <c>data[VERSION]</c>).</summary>
    public string Version { get; init; } = "1";

    /// <summary>The app's status letter, §1.2: L local, F free, D demo, T trial, P paid (<c>auth[status]</c>, app.info STATUS).</summary>
    public string Status { get; init; } = "P";

    /// <summary>The portal language the app was installed with (<c>LANG</c>, <c>data[LANGUAGE_ID]</c>, app.info LANGUAGE_ID).</summary>
    public string Language { get; init; } = "ru";

    /// <summary>Secrets never appear in logs or assertion messages.</summary>
    public override string ToString() => $"SandboxApp({ClientId}, member {MemberId}, version {Version}, status {Status}, {(Installed ? "installed" : "not installed")})";
}
