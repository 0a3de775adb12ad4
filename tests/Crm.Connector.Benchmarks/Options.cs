using System.Globalization;

namespace Crm.Connector.Benchmarks;

/// <summary>The few command-line options the scenarios take (<c>--name value</c>).</summary>
internal static class Options
{
    public static int Int(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return fallback;
        }

        return at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{name} takes a whole number, e.g. {name} {fallback}.");
    }

    /// <summary>Whether a switch without a value (e.g. <c>--quick</c>) was given.</summary>
    public static bool Flag(string[] args, string name) => Array.IndexOf(args, name) >= 0;

    /// <summary>A comma list of whole numbers (<c>--instances 1,2,4</c>).</summary>
    public static IReadOnlyList<int> Ints(string[] args, string name, IReadOnlyList<int> fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0)
        {
            return fallback;
        }

        var values = at + 1 < args.Length ? args[at + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
        var parsed = values.Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1).ToList();
        return parsed.Count > 0 && parsed.All(n => n > 0)
            ? parsed
            : throw new ArgumentException($"{name} takes a comma list of positive whole numbers, e.g. {name} {string.Join(',', fallback)}.");
    }

    /// <summary>A word option (<c>--scenario a</c>).</summary>
    public static string Text(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at < 0 ? fallback : at + 1 < args.Length ? args[at + 1] : throw new ArgumentException($"{name} takes a value, e.g. {name} {fallback}.");
    }

    /// <summary>Every value given for a repeatable option.</summary>
    public static IReadOnlyList<string> All(string[] args, string name) =>
        [.. args.Select((arg, i) => (arg, i)).Where(p => p.arg == name && p.i + 1 < args.Length).Select(p => args[p.i + 1])];
}
