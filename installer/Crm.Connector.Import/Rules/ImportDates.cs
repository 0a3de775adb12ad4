using System.Globalization;

namespace Crm.Connector.Import.Rules;

/// <summary>
/// Dates of the file (seed 002: «01.01.2000 12:34:00, 01.01.2000»; also an Excel date cell) as instants in the portal's
/// time zone. A date without time is midnight there.
/// </summary>
public static class ImportDates
{
    private static readonly string[] Formats =
    [
        "dd.MM.yyyy HH:mm:ss", "d.M.yyyy H:mm:ss", "dd.MM.yyyy HH:mm", "d.M.yyyy H:mm", "dd.MM.yyyy", "d.M.yyyy",
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>The wall-clock date and time of a cell, or null when it is not one of the accepted forms.</summary>
    public static DateTime? ParseLocal(ImportCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Date is { } date)
        {
            // Excel keeps fractions of a second from float rounding: to the nearest second.
            return new DateTime((date.Ticks + (TimeSpan.TicksPerSecond / 2)) / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Unspecified);
        }

        return DateTime.TryParseExact(cell.Text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified)
            : null;
    }

    /// <summary>The instant a wall-clock time in <paramref name="zone"/> stands for (a skipped hour moves forward).</summary>
    public static DateTimeOffset InZone(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>As shown to the user: <c>01.01.2000 12:34:00</c>.</summary>
    public static string Show(DateTime local) => local.ToString("dd.MM.yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
