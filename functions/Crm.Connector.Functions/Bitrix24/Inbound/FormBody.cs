using System.Net;

namespace Crm.Connector.Functions.Bitrix24.Inbound;

/// <summary>
/// A form body from Bitrix24 — <c>application/x-www-form-urlencoded</c> with PHP bracket keys (<c>auth[member_id]</c>,
/// <c>data[FIELDS][ID]</c>, <c>document_id[2]</c>; bitrix24-rest.md §0.3) — read defensively: it comes from the
/// internet, so sizes, pair counts and nesting are bounded, and anything malformed is a <see cref="FormatException"/>
/// saying what, never a crash. Later keys overwrite earlier ones, as in PHP.
/// </summary>
public sealed class FormBody
{
    /// <summary>Most key/value pairs accepted (Bitrix24's own payloads have a few dozen).</summary>
    public const int MaxPairs = 1000;

    /// <summary>Deepest bracket nesting accepted.</summary>
    public const int MaxDepth = 8;

    /// <summary>Longest key accepted, in characters.</summary>
    public const int MaxKeyLength = 256;

    private readonly FormNode _root;

    private FormBody(FormNode root) => _root = root;

    /// <summary>
    /// Parses <paramref name="text"/> (a form body or a query string without its <c>?</c>), refusing more than
    /// <paramref name="maxPairs"/> fields (<see cref="MaxPairs"/> unless a caller's payloads are known to be larger).
    /// </summary>
    public static FormBody Parse(string? text, int maxPairs = MaxPairs)
    {
        var root = FormNode.Branch();
        if (string.IsNullOrEmpty(text))
        {
            return new FormBody(root);
        }

        var pairs = 0;
        foreach (var pair in text.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            if (++pairs > maxPairs)
            {
                throw new FormatException($"the form has more than {maxPairs} fields.");
            }

            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (key.Length == 0)
            {
                throw new FormatException("a form field has an empty name.");
            }

            if (key.Length > MaxKeyLength)
            {
                throw new FormatException($"a form field name is longer than {MaxKeyLength} characters.");
            }

            Add(root, Segments(key), value);
        }

        return new FormBody(root);
    }

    /// <summary>The value at <paramref name="path"/> (<c>"auth", "member_id"</c>), or null when absent or not a value.</summary>
    public string? Get(params string[] path)
    {
        var node = Find(path);
        return node is { IsValue: true } ? node.Value : null;
    }

    /// <summary>The values under <paramref name="path"/> keyed by their last segment (e.g. every <c>properties[x]</c>).</summary>
    public IReadOnlyDictionary<string, FormNode> Children(params string[] path) =>
        Find(path) is { IsValue: false } node ? node.Children : new Dictionary<string, FormNode>(StringComparer.Ordinal);

    /// <summary>True when anything (value or branch) is at <paramref name="path"/>.</summary>
    public bool Has(params string[] path) => Find(path) is not null;

    private FormNode? Find(string[] path)
    {
        var node = _root;
        foreach (var segment in path)
        {
            if (node.IsValue || !node.Children.TryGetValue(segment, out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    private static string Decode(string text)
    {
        // WebUtility leaves malformed escapes as they are and maps invalid UTF-8 to U+FFFD; both are then just text.
        var decoded = WebUtility.UrlDecode(text);
        return decoded.Contains('\0', StringComparison.Ordinal) ? throw new FormatException("a form field contains a NUL character.") : decoded;
    }

    private static List<string> Segments(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0)
        {
            // PHP keeps "[x]" and "a]" style names whole; so do we.
            return [key];
        }

        var segments = new List<string> { key[..open] };
        var rest = key.AsSpan(open);
        while (rest.Length > 0)
        {
            if (rest[0] != '[')
            {
                throw new FormatException($"the form field name '{Shorten(key)}' has text after its brackets.");
            }

            var close = rest.IndexOf(']');
            if (close < 0)
            {
                throw new FormatException($"the form field name '{Shorten(key)}' has an unclosed bracket.");
            }

            segments.Add(rest[1..close].ToString());
            if (segments.Count > MaxDepth + 1)
            {
                throw new FormatException($"the form field name '{Shorten(key)}' is nested deeper than {MaxDepth} levels.");
            }

            rest = rest[(close + 1)..];
        }

        return segments;
    }

    private static void Add(FormNode root, List<string> segments, string value)
    {
        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i].Length == 0 ? node.NextIndex() : segments[i];
            if (i == segments.Count - 1)
            {
                node.Children[segment] = FormNode.Leaf(value);
                return;
            }

            if (!node.Children.TryGetValue(segment, out var child) || child.IsValue)
            {
                child = FormNode.Branch();
                node.Children[segment] = child;
            }

            node = child;
        }
    }

    private static string Shorten(string key) => key.Length <= 40 ? key : key[..40] + "…";
}
