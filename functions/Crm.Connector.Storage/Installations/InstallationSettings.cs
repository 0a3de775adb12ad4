using System.Globalization;
using System.Net.Mail;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Installations;

/// <summary>
/// The installation settings an admin may set (the <c>settings</c> JSON of an installation, Bitrix24 or amoCRM alike),
/// each checked and written in the form its reader expects: <c>timeZone</c>, <c>workDays</c> and <c>holidays</c> as
/// the business calendar reads them (<c>BusinessCalendar.From</c>: an IANA zone, day names, yyyy-MM-dd dates),
/// <c>salesGroup</c> (the amoCRM users group that lead distribution deals among), <c>curator</c> and <c>supervisor</c> (user ids),
/// <c>emailSender</c>, <c>trialLessonLink</c> and <c>webinarLink</c>. Every error names the key and says how to write the value.
/// </summary>
public static class InstallationSettings
{
    private static readonly string[] DayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    /// <summary>The keys, with what each holds (for help and errors).</summary>
    public static readonly IReadOnlyDictionary<string, string> Keys = new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["timeZone"] = "the time zone, an IANA name such as Europe/Moscow",
        ["workDays"] = "working days as numbers 1-7 (1 = Monday), comma-separated, e.g. 1,2,3,4,5",
        ["holidays"] = "non-working dates as yyyy-MM-dd, comma-separated, e.g. 2027-01-01,2027-01-07",
        ["salesGroup"] = "the users group (its id; 0 is amoCRM's own sales group) that new leads are distributed among",
        ["curator"] = "the curator's user id (a positive integer)",
        ["supervisor"] = "the supervisor's user id (a positive integer): told when a lead or deal stalls, instead of each responsible's head of department",
        ["emailSender"] = "the address e-mails are sent from, e.g. school@example.com",
        ["trialLessonLink"] = "the trial lesson's link, an http(s) URL",
        ["webinarLink"] = "the webinar's link, an http(s) URL",
    };

    /// <summary>The stored value for <paramref name="key"/>=<paramref name="text"/>, or the error naming the key and the fix.</summary>
    public static (JToken? Value, string? Error) Parse(string key, string text)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        return key switch
        {
            "timeZone" => TimeZone(text),
            "workDays" => WorkDays(text),
            "holidays" => Holidays(text),
            "salesGroup" => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var group)
                ? (group, null)
                : (null, $"salesGroup: '{text}' is not an id; give {Keys[key]}."),
            "curator" or "supervisor" => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? (id, null)
                : (null, $"{key}: '{text}' is not an id; give {Keys[key]}."),
            "emailSender" => MailAddress.TryCreate(text, out var address) && address.Address == text
                ? (text, null)
                : (null, $"emailSender: '{text}' is not an e-mail address; give {Keys[key]}."),
            "trialLessonLink" or "webinarLink" => Uri.TryCreate(text, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp)
                ? (link.AbsoluteUri, null)
                : (null, $"{key}: '{text}' is not a link; give {Keys[key]}."),
            _ => (null, $"'{key}' is not a setting; use one of {string.Join(", ", Keys.Keys)}."),
        };
    }

    private static (JToken?, string?) TimeZone(string text)
    {
        try
        {
            _ = TimeZoneInfo.FindSystemTimeZoneById(text);
            return (text, null);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return (null, $"timeZone: '{text}' is not a known time zone; give {Keys["timeZone"]}.");
        }
    }

    private static (JToken?, string?) WorkDays(string text)
    {
        var days = new SortedSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 7)
            {
                return (null, $"workDays: '{part}' is not a day number; give {Keys["workDays"]}.");
            }

            days.Add(day);
        }

        return days.Count == 0
            ? (null, $"workDays: at least one working day is needed; give {Keys["workDays"]}.")
            : (new JArray(days.Select(d => DayNames[d - 1])), null);
    }

    private static (JToken?, string?) Holidays(string text)
    {
        var dates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DateOnly.TryParseExact(part, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return (null, $"holidays: '{part}' is not a date; give {Keys["holidays"]}.");
            }

            dates.Add(part);
        }

        return (new JArray(dates), null);
    }
}
