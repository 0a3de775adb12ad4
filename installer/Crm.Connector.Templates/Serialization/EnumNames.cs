using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Serialization;

/// <summary>The JSON names of our enums (their <see cref="EnumMemberAttribute"/> values).</summary>
public static class EnumNames
{
    private static readonly ConcurrentDictionary<Type, (Dictionary<string, object> ByName, Dictionary<object, string> ByValue)> Cache = new();

    /// <summary>The JSON name of <paramref name="value"/>.</summary>
    public static string Of<T>(T value)
        where T : struct, Enum => Table(typeof(T)).ByValue[value];

    /// <summary>The value named <paramref name="name"/> in JSON, or null.</summary>
    public static T? Parse<T>(string name)
        where T : struct, Enum => Table(typeof(T)).ByName.TryGetValue(name, out var value) ? (T)value : null;

    /// <summary>Every JSON name of <typeparamref name="T"/>.</summary>
    public static IReadOnlyCollection<string> All<T>()
        where T : struct, Enum => Table(typeof(T)).ByName.Keys;

    private static (Dictionary<string, object> ByName, Dictionary<object, string> ByValue) Table(Type type) =>
        Cache.GetOrAdd(type, static t =>
        {
            var byName = new Dictionary<string, object>(StringComparer.Ordinal);
            var byValue = new Dictionary<object, string>();
            foreach (var field in t.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                var name = field.GetCustomAttribute<EnumMemberAttribute>()?.Value ?? field.Name;
                var value = field.GetValue(null)!;
                byName[name] = value;
                byValue[value] = name;
            }

            return (byName, byValue);
        });
}
