using System.Globalization;

namespace Crm.Connector.OneC.Query;

/// <summary>
/// A value written into a 1C OData URL (1C doc 17.4.2): strings in single quotes with <c>'</c> doubled, <c>guid'…'</c>,
/// <c>datetime'yyyy-MM-ddTHH:mm:ss'</c> (naive wall-clock time of the base, no offset), numbers in invariant culture,
/// <c>true</c>/<c>false</c>. <see cref="Text"/> is the unencoded form; <see cref="ODataQuery"/> percent-encodes it.
/// </summary>
public readonly record struct ODataLiteral
{
    private ODataLiteral(string text) => Text = text;

    /// <summary>The literal as 1C reads it, before URL encoding.</summary>
    public string Text { get; }

    /// <summary><c>'text'</c> with every <c>'</c> doubled.</summary>
    public static ODataLiteral Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new("'" + value.Replace("'", "''", StringComparison.Ordinal) + "'");
    }

    /// <summary><c>guid'…'</c>.</summary>
    public static ODataLiteral Of(Guid value) => new("guid'" + value.ToString("D", CultureInfo.InvariantCulture) + "'");

    /// <summary>
    /// <c>datetime'yyyy-MM-ddTHH:mm:ss'</c>: the value's clock reading as is (1C dates have no zone; the caller passes the
    /// base's wall-clock time), fractions of a second dropped.
    /// </summary>
    public static ODataLiteral Of(DateTime value) => new("datetime'" + OneCDates.Format(value) + "'");

    /// <summary>A decimal in invariant culture (<c>1234.5</c>).</summary>
    public static ODataLiteral Of(decimal value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary>An integer in invariant culture.</summary>
    public static ODataLiteral Of(long value) => new(value.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public static ODataLiteral Of(bool value) => new(value ? "true" : "false");

    /// <inheritdoc/>
    public override string ToString() => Text;
}
