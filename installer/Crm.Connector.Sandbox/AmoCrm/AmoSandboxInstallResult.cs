namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>What the account's GET to the app (consent redirect or "access revoked" hook) got back.</summary>
/// <param name="Url">The full address called, query included.</param>
/// <param name="StatusCode">The app's HTTP status; 0 when it did not answer.</param>
/// <param name="Body">The app's answer (empty when none).</param>
/// <param name="Error">Why there was no answer (connection refused, timeout), else null.</param>
/// <param name="Code">The authorization code handed over (install only).</param>
public sealed record AmoSandboxInstallResult(Uri Url, int StatusCode, string Body, string? Error, string? Code)
{
    /// <summary>The app answered 2xx (or a redirect, which a browser would follow).</summary>
    public bool Succeeded => StatusCode is >= 200 and < 400;

    /// <summary>The code never appears in logs or assertion messages.</summary>
    public override string ToString() => $"AmoSandboxInstallResult({StatusCode}{(Error is null ? "" : " " + Error)})";
}
