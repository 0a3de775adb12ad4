using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Crm.Connector.Templates.Serialization;

/// <summary>
/// camelCase names; computed (get-only) properties are not part of the format; on writing, empty lists and values
/// equal to the model's defaults are left out so exported templates read like hand-written ones.
/// </summary>
internal sealed class TemplateContractResolver : DefaultContractResolver
{
    private static readonly ConcurrentDictionary<Type, object?> Defaults = new();

    public TemplateContractResolver()
    {
        NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false, OverrideSpecifiedNames = false };
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (member is PropertyInfo info && (info.SetMethod is null || !info.SetMethod.IsPublic))
        {
            property.Ignored = true;
            return property;
        }

        if (member is PropertyInfo prop && prop.DeclaringType is { } declaring)
        {
            property.ShouldSerialize = instance =>
            {
                var value = prop.GetValue(instance);
                if (value is null)
                {
                    return false;
                }

                if (property.Required != Required.Default)
                {
                    return true;
                }

                if (value is ICollection { Count: 0 })
                {
                    return false;
                }

                var defaults = DefaultInstance(instance.GetType());
                return defaults is null || !Equals(prop.GetValue(defaults), value);
            };
        }

        return property;
    }

    private static object? DefaultInstance(Type type) =>
        Defaults.GetOrAdd(type, static t => t.IsAbstract || t.GetConstructor(Type.EmptyTypes) is null ? null : Activator.CreateInstance(t));
}
