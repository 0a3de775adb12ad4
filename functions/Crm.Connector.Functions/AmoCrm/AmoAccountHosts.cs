using System.Net;
using Crm.Connector.AmoCrm;
using Crm.Connector.Functions.Bitrix24;

namespace Crm.Connector.Functions.AmoCrm;

/// <summary>Which account hosts the app talks to, and how: https always, plain http only for a loopback host listed exactly.</summary>
public static class AmoAccountHosts
{
    /// <summary>True when <paramref name="host"/> (with its port, if any) matches one of <paramref name="patterns"/>.</summary>
    public static bool IsAllowed(string? host, IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (string.IsNullOrEmpty(host) || !PortalDomains.IsAllowed(host, patterns))
        {
            return false;
        }

        // A loopback host only when configured as such, never through a wildcard (*.localhost and the like).
        return !IsLoopback(host) || patterns.Any(p => string.Equals(p, host, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The account's address: <c>https://{host}/</c>, or <c>http://</c> for a loopback host (only ever a sandbox).</summary>
    public static AmoAccountAddress Address(string host) =>
        new(new Uri($"{(IsLoopback(host) ? Uri.UriSchemeHttp : Uri.UriSchemeHttps)}://{host}/"));

    private static bool IsLoopback(string host)
    {
        var name = Uri.TryCreate("http://" + host, UriKind.Absolute, out var uri) ? uri.Host : host;
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
