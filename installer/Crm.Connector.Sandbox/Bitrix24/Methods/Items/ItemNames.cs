using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// Field names in requests. Items are stored under legacy names; crm.item.* speaks camelCase for standard fields and
/// <c>ufCrm…</c> (or the original <c>UF_CRM_…</c>) for user fields (§8). Unknown names in written fields are ignored, as
/// Bitrix24 does. Assumed: in crm.item.list filter/order an unknown name (e.g. <c>ID</c> instead of <c>id</c>, §11) is
/// refused, so a client using the wrong case learns it here instead of getting an unsorted or unfiltered list.
/// </summary>
internal static class ItemNames
{
    public static JObject FromModern(PortalState state, EntityKind entity, JObject fields)
    {
        var legacy = new JObject();
        foreach (var (key, value) in fields)
        {
            if (ResolveModern(state, entity, key) is { } name && value is not null)
            {
                legacy[name] = value;
            }
        }

        return legacy;
    }

    public static string? ResolveLegacy(PortalState state, EntityKind entity, string key)
    {
        var upper = key.Trim().ToUpperInvariant();
        if (entity.Field(upper) is { } field)
        {
            return field.Name;
        }

        return state.UserFieldOf(entity, upper)?.FieldName;
    }

    public static string? ResolveModern(PortalState state, EntityKind entity, string key)
    {
        key = key.Trim();
        if (entity.FieldByCamel(key) is { } field)
        {
            return field.Name;
        }

        if (key.StartsWith("UF_", StringComparison.Ordinal))
        {
            return state.UserFieldOf(entity, key)?.FieldName;
        }

        if (key.StartsWith("uf", StringComparison.Ordinal))
        {
            return state.UserFieldsOf(entity).FirstOrDefault(f => string.Equals(UfNames.ToCamel(f.FieldName), key, StringComparison.Ordinal))?.FieldName;
        }

        return null;
    }

    public static string ResolveModernStrict(PortalState state, EntityKind entity, string key, string where) =>
        ResolveModern(state, entity, key) ?? throw new RestException("INVALID_ARG_VALUE", $"Unknown field '{key}' in {where}; crm.item.* uses camelCase names (id, title, stageId…) and ufCrm… user fields.");
}
