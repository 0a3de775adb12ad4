namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>One POST the sandbox made to the app while installing, updating or uninstalling it.</summary>
/// <param name="Name"><c>callback</c> for the installation-callback form (§1.2), else the event name (ONAPPINSTALL, ONAPPUPDATE, ONAPPUNINSTALL).</param>
/// <param name="Url">Where it went (with the callback's query string).</param>
/// <param name="StatusCode">The app's HTTP status; 0 when there was no answer (see <paramref name="Error"/>).</param>
/// <param name="Body">The app's answer body (at most 16,000 characters).</param>
/// <param name="Error">Why there was no answer (connection refused, timed out…), else null.</param>
public sealed record SandboxInstallPost(string Name, Uri Url, int StatusCode, string Body, string? Error)
{
    /// <summary>The name of the installation-callback form's post.</summary>
    public const string Callback = "callback";

    /// <summary>The app answered 2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
