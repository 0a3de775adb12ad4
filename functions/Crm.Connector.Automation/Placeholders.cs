using System.Text.RegularExpressions;

namespace Crm.Connector.Automation;

/// <summary>Template texts with <c>{FIELD}</c> placeholders (custom codes or built-in names) filled from an item.</summary>
public static partial class Placeholders
{
    /// <summary>
    /// Replaces each <c>{NAME}</c> that is a field of <paramref name="item"/> with <paramref name="describe"/>'s reading of
    /// its value; other braces are left as written, so a typo shows rather than vanishes.
    /// </summary>
    public static string Render(string text, ItemState item, Func<string, object?, string> describe)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(describe);
        return Pattern().Replace(text, m => item.Fields.TryGetValue(m.Groups[1].Value, out var value) ? describe(m.Groups[1].Value, value) : m.Value);
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_.]+)\}")]
    private static partial Regex Pattern();
}
