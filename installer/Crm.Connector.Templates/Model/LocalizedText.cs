using System.Collections.ObjectModel;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// Text in one or more languages. In JSON either a plain string (one text for every language) or an object
/// keyed by two-letter language code: <c>{"ru": "Новый клиент", "en": "New client"}</c>.
/// </summary>
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    /// <summary>The key under which a plain-string text is kept.</summary>
    public const string AnyLanguage = "*";

    private readonly ReadOnlyDictionary<string, string> _values;

    public LocalizedText(IDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new ReadOnlyDictionary<string, string>(new SortedDictionary<string, string>(values, StringComparer.Ordinal));
    }

    /// <summary>A text that is the same in every language.</summary>
    public static LocalizedText Plain(string text) => new(new Dictionary<string, string> { [AnyLanguage] = text });

    /// <summary>Russian and English text.</summary>
    public static LocalizedText Of(string ru, string en) => new(new Dictionary<string, string> { ["ru"] = ru, ["en"] = en });

    /// <summary>All values by language code; a plain string is under <see cref="AnyLanguage"/>.</summary>
    public IReadOnlyDictionary<string, string> Values => _values;

    /// <summary>True when the text was written as a plain string.</summary>
    public bool IsPlain => _values.Count == 1 && _values.ContainsKey(AnyLanguage);

    /// <summary>True when a text exists for <paramref name="language"/> (a plain string counts for every language).</summary>
    public bool Has(string language) => _values.ContainsKey(language) || _values.ContainsKey(AnyLanguage);

    /// <summary>The text in <paramref name="language"/>, else the plain text, else Russian, else any.</summary>
    public string Get(string language = "ru")
    {
        if (_values.TryGetValue(language, out var text) || _values.TryGetValue(AnyLanguage, out text) || _values.TryGetValue("ru", out text))
        {
            return text;
        }

        return _values.Values.FirstOrDefault() ?? string.Empty;
    }

    public override string ToString() => Get();

    public bool Equals(LocalizedText? other) =>
        other is not null && _values.Count == other._values.Count &&
        _values.All(kv => other._values.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.Ordinal));

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _values)
        {
            hash.Add(key, StringComparer.Ordinal);
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
