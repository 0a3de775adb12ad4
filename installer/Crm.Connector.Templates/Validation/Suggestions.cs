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

    /// <summary>Edit distance counting a swap of neighbours as one edit (typos like "WROK" for "WORK").</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
