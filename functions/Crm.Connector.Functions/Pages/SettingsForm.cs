using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// The settings form read into installation settings: every value checked as the CLI's <c>settings --set</c> checks it
/// (<see cref="InstallationSettings"/>), so one bad value is reported with its field and nothing is saved.
/// </summary>
public static class SettingsForm
{
    /// <summary>The time zones offered (Russia's, west to east); a zone set otherwise stays selectable.</summary>
    public static readonly IReadOnlyList<string> Zones =
    [
        "Europe/Kaliningrad", "Europe/Moscow", "Europe/Samara", "Asia/Yekaterinburg", "Asia/Omsk", "Asia/Novosibirsk",
        "Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Yakutsk", "Asia/Vladivostok", "Asia/Magadan", "Asia/Kamchatka",
    ];

    /// <summary>The days as the form names them (1 = Monday), with their labels.</summary>
    public static readonly IReadOnlyList<(int Number, string Name, string Label)> Days =
        [(1, "mon", "Пн"), (2, "tue", "Вт"), (3, "wed", "Ср"), (4, "thu", "Чт"), (5, "fri", "Пт"), (6, "sat", "Сб"), (7, "sun", "Вс")];

    /// <summary>
    /// The new settings from the form over <paramref name="current"/>, or the errors (field → message). Positions are those
    /// of <paramref name="positions"/>; user ids must be among <paramref name="users"/> (the portal's active users).
    /// </summary>
    public static (JObject? Settings, IReadOnlyDictionary<string, string> Errors) Read(PageRequest request, JObject current, IReadOnlyCollection<string> positions, IReadOnlySet<long> users)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(current);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var settings = (JObject)current.DeepClone();
        Set(settings, errors, "timeZone", request["timeZone"]);
        var days = string.Join(',', Days.Where(d => request.Form["workDays"].Contains(d.Name)).Select(d => d.Number));
        Set(settings, errors, "workDays", days);
        var holidays = string.Join(',', request["holidays"].Split([',', '\n', '\r', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Set(settings, errors, "holidays", holidays);
        User(settings, errors, "supervisor", request["supervisor"], users, null);
        var assigned = settings["positions"] as JObject ?? [];
        foreach (var position in positions)
        {
            User(assigned, errors, "position:" + position, request["position:" + position], users, position);
        }

        settings["positions"] = assigned;
        return errors.Count == 0 ? (settings, errors) : (null, errors);
    }

    /// <summary>The keys whose values differ, with before and after (for the audit entry).</summary>
    public static JObject Changes(JObject before, JObject after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new JObject();
        foreach (var key in before.Properties().Select(p => p.Name).Union(after.Properties().Select(p => p.Name)).Order(StringComparer.Ordinal))
        {
            if (!JToken.DeepEquals(before[key], after[key]))
            {
                changes[key] = new JObject { ["from"] = before[key]?.DeepClone(), ["to"] = after[key]?.DeepClone() };
            }
        }

        return changes;
    }

    private static void Set(JObject settings, Dictionary<string, string> errors, string key, string text)
    {
        var (value, error) = InstallationSettings.Parse(key, text);
        if (error is not null)
        {
            errors[key] = error;
        }
        else
        {
            settings[key] = value;
        }
    }

    /// <summary>A user id chosen in a list (empty: none — the setting is removed).</summary>
    private static void User(JObject target, Dictionary<string, string> errors, string field, string text, IReadOnlySet<long> users, string? position)
    {
        var key = position ?? field;
        if (text.Length == 0)
        {
            target.Remove(key);
            return;
        }

        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || !users.Contains(id))
        {
            errors[field] = $"{field}: '{text}' is not an active user of the portal; choose one in the list.";
            return;
        }

        target[key] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
