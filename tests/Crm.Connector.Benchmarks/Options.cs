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

    /// <summary>Every value given for a repeatable option.</summary>
    public static IReadOnlyList<string> All(string[] args, string name) =>
        [.. args.Select((arg, i) => (arg, i)).Where(p => p.arg == name && p.i + 1 < args.Length).Select(p => args[p.i + 1])];
}
