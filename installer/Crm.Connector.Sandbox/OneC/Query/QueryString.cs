namespace Crm.Connector.Sandbox.OneC.Query;

/// <summary>
/// The raw query string split by hand: names and values are percent-decoded with <see cref="Uri.UnescapeDataString(string)"/>,
/// which leaves <c>+</c> alone. ASP.NET's parser would turn <c>+</c> into a space, but 1C does not (§1.7), so a
/// form-encoded <c>$filter</c> must fail here as it fails there.
/// </summary>
internal static class QueryString
{
    public static Dictionary<string, string> Parse(string? raw)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (raw ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            result[name] = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return result;
    }
}
