namespace Crm.Connector.Templates.Validation;

/// <summary>"Did you mean …?" for misspelt names and keys.</summary>
internal static class Suggestions
{
    /// <summary>The candidate closest to <paramref name="wrong"/> when it is close enough to be a likely typo.</summary>
    public static string? Closest(string wrong, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(wrong.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(1, Math.Min(3, wrong.Length / 3));
        return best is not null && bestDistance <= allowed ? best : null;
    }

    /// <summary>" Did you mean 'x'?" or an empty string.</summary>
    public static string DidYouMean(string wrong, IEnumerable<string> candidates) =>
        Closest(wrong, candidates) is { } match ? $"Did you mean '{match}'?" : string.Empty;

    /// <summary>A short list of names for a message: <c>a, b, c</c> (and a count when long).</summary>
    public static string List(IEnumerable<string> names, int max = 12)
    {
        var all = names.ToList();
        if (all.Count == 0)
        {
            return "(none)";
        }

        return all.Count <= max ? string.Join(", ", all) : string.Join(", ", all.Take(max)) + $", … ({all.Count} in all)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
