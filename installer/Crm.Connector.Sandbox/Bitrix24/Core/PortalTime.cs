using System.Globalization;

namespace Crm.Connector.Sandbox.Bitrix24.Core;

/// <summary>
/// The portal's time zone and date formats. Assumed: a Russian cloud portal on Moscow time (UTC+3); dates are written
/// ISO-8601 with the offset, as Bitrix24 REST does (§8 "datetime ISO-8601 with offset; stored in server time zone").
/// </summary>
internal static class PortalTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(3);

    public const string TimeZoneName = "Europe/Moscow";

    public static string Iso(DateTimeOffset instant) =>
        instant.ToOffset(Offset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static double UnixSeconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Parses an ISO-8601 date-time; without an offset the portal's time zone is assumed.</summary>
    public static DateTimeOffset? ParseDateTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        string[] withOffset = ["yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmzzz"];
        if (DateTimeOffset.TryParseExact(text, withOffset, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return parsed;
        }

        string[] local = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd HH:mm", "dd.MM.yyyy HH:mm:ss", "dd.MM.yyyy HH:mm"];
        if (DateTime.TryParseExact(text, local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(wall, DateTimeKind.Unspecified), Offset);
        }

        return null;
    }

    /// <summary>Parses a date (<c>YYYY-MM-DD</c>, also <c>DD.MM.YYYY</c> or the date part of a date-time).</summary>
    public static DateOnly? ParseDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        return ParseDateTime(text) is { } instant ? DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime) : null;
    }
}
