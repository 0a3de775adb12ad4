using System.Text;

namespace Crm.Connector.OneC.Query;

/// <summary>
/// Percent-encoding for 1C URLs. 1C does not read <c>+</c> as a space inside <c>$filter</c> (it answers 400), so a space is
/// always <c>%20</c>; <c>HttpUtility.UrlEncode</c> and form encoding are never used.
/// </summary>
public static class ODataEncoding
{
    /// <summary>
    /// Like JavaScript's <c>encodeURIComponent</c>: UTF-8 bytes percent-encoded except <c>A-Z a-z 0-9 - _ . ! ~ * ' ( )</c>.
    /// UNCONFIRMED whether 1C accepts <c>%27 %28 %29</c> for <c>' ( )</c>; the public JS clients that run against live bases
    /// send them literal (encodeURIComponent leaves them), so this does too — unlike <c>Uri.EscapeDataString</c>.
    /// </summary>
    public static string Component(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-_.!~*'()".Contains(c, StringComparison.Ordinal)))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>An entity set name as a path segment: Cyrillic as percent-encoded UTF-8 (<c>Catalog_%D0%9A…</c>).</summary>
    public static string Segment(string entitySet)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entitySet);
        return Component(entitySet);
    }
}
