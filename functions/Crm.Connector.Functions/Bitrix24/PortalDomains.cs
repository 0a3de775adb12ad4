namespace Crm.Connector.Functions.Bitrix24;

/// <summary>Matches a portal's host (with its port, if any) against the configured patterns.</summary>
public static class PortalDomains
{
    /// <summary>
    /// True when <paramref name="domain"/> matches one of <paramref name="patterns"/>: exactly (case-insensitive), or as a
    /// subdomain of a <c>*.</c> pattern (<c>*.bitrix24.ru</c> matches <c>acme.bitrix24.ru</c>, not <c>bitrix24.ru</c>
    /// and not <c>acme.bitrix24.ru.evil.com</c>).
    /// </summary>
    public static bool IsAllowed(string domain, IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(patterns);
        if (string.IsNullOrWhiteSpace(domain) || domain.Length > 253 || domain.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':')))
        {
            return false;
        }

        foreach (var pattern in patterns)
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var suffix = pattern[1..];
                if (domain.Length > suffix.Length && domain.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && !domain[..^suffix.Length].Contains(':', StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (string.Equals(domain, pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
