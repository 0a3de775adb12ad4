using System.Globalization;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>Query parameters in amoCRM's PHP-style brackets: <c>filter[id][]=1&amp;filter[id][]=2</c>.</summary>
internal sealed class AmoQuery : List<KeyValuePair<string, string>>
{
    public AmoQuery Add(string name, string? value)
    {
        if (value is not null)
        {
            Add(new KeyValuePair<string, string>(name, value));
        }

        return this;
    }

    public AmoQuery Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public AmoQuery Add(string name, DateTimeOffset? value) => Add(name, value?.ToUnixTimeSeconds());

    public AmoQuery Add(string name, bool? value) => Add(name, value is { } b ? (b ? "1" : "0") : null);

    /// <summary><c>name[]=a&amp;name[]=b</c>.</summary>
    public AmoQuery AddAll<T>(string name, IEnumerable<T>? values)
    {
        foreach (var value in values ?? [])
        {
            Add(name + "[]", Convert.ToString(value, CultureInfo.InvariantCulture));
        }

        return this;
    }

    /// <summary><c>with=a,b</c>.</summary>
    public AmoQuery With(IEnumerable<string>? with) =>
        with?.Where(w => !string.IsNullOrWhiteSpace(w)).ToList() is { Count: > 0 } list ? Add("with", string.Join(',', list)) : this;
}
