using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary><c>crm.{lead,deal,contact,company}.userfield.add|update|get|list|delete</c> (bitrix24-rest.md §7).</summary>
internal static partial class UserFieldMethods
{
    public const int MaxFieldNameLength = 50;

    public static readonly IReadOnlySet<string> UserTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "string", "integer", "double", "boolean", "datetime", "date", "money", "url", "address", "enumeration", "file", "employee", "crm_status", "iblock_section", "iblock_element", "crm",
    };

    private static readonly string[] Languages = ["ru", "en"];

    public static void Register(MethodRegistry methods)
    {
        foreach (var entity in EntityKind.All)
        {
            var prefix = $"crm.{entity.Code}.userfield.";
            methods.Add(prefix + "add", call => Add(call, entity));
            methods.Add(prefix + "update", call => Update(call, entity));
            methods.Add(prefix + "get", call => MethodResult.Of(UserFieldView.ToJson(Find(call, entity))));
            methods.Add(prefix + "list", call => List(call, entity));
            methods.Add(prefix + "delete", call => Delete(call, entity));
        }
    }

    /// <summary>
    /// §7: FIELD_NAME is upper-cased and prefixed <c>UF_CRM_</c> (<c>UF_X</c> → <c>UF_CRM_X</c>), only <c>A-Z 0-9 _</c>,
    /// at most 50 characters with the prefix; a duplicate, an unknown USER_TYPE_ID or a multiple boolean is ERROR_CORE.
    /// Empty LIST values are ignored. Labels are a string (for every language) or a language map; LABEL is the default
    /// of all of them.
    /// </summary>
    private static MethodResult Add(MethodCall call, EntityKind entity)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var fieldName = FieldName(fields.String("FIELD_NAME"));
        if (call.State.UserFieldOf(entity, fieldName) is not null)
        {
            throw RestException.Core($"A user field named {fieldName} already exists.");
        }

        var type = fields.String("USER_TYPE_ID")?.Trim() ?? "";
        if (!UserTypes.Contains(type))
        {
            throw RestException.Core($"Unknown USER_TYPE_ID '{type}'.");
        }

        var multiple = Params.AsBool(fields.Get("MULTIPLE")) ?? false;
        if (multiple && type == "boolean")
        {
            throw RestException.Core("A boolean field cannot be multiple.");
        }

        var labels = new Dictionary<string, JObject>(StringComparer.Ordinal);
        var fallback = fields.Get("LABEL") is { } label ? LangMap(label) : null;
        foreach (var key in UserFieldView.LabelKeys)
        {
            var map = fields.Get(key) is { } given ? LangMap(given) : key is "ERROR_MESSAGE" or "HELP_MESSAGE" ? null : fallback;
            if (map is not null)
            {
                labels[key] = map;
            }
        }

        var field = new UserField
        {
            Id = call.State.NextId("userfield"),
            Entity = entity,
            FieldName = fieldName,
            UserTypeId = type,
            XmlId = fields.String("XML_ID") ?? "",
            Sort = Sort(fields) ?? 100,
            Multiple = multiple,
            Mandatory = Params.AsBool(fields.Get("MANDATORY")) ?? false,
            ShowFilter = fields.String("SHOW_FILTER") ?? "N",
            ShowInList = Params.AsBool(fields.Get("SHOW_IN_LIST")) ?? true,
            EditInList = Params.AsBool(fields.Get("EDIT_IN_LIST")) ?? true,
            IsSearchable = Params.AsBool(fields.Get("IS_SEARCHABLE")) ?? false,
            Settings = fields.Object("SETTINGS")?.DeepClone() as JObject ?? [],
            Labels = labels,
            List = type == "enumeration" ? UpdateList(call.State, [], fields.Get("LIST")) : [],
        };
        call.State.UserFields[field.Id] = field;
        return MethodResult.Of(field.Id);
    }

    /// <summary>
    /// §7: MANDATORY, SHOW_FILTER, XML_ID, SETTINGS (merged), LIST, SORT, SHOW_IN_LIST, EDIT_IN_LIST, IS_SEARCHABLE and
    /// labels change; FIELD_NAME, USER_TYPE_ID and MULTIPLE do not. LIST items with an ID change, without one are added,
    /// with <c>DEL: Y</c> are deleted; items not mentioned stay (UNCONFIRMED in §7, implied). A label given replaces
    /// the whole language map (languages not given become '').
    /// </summary>
    private static MethodResult Update(MethodCall call, EntityKind entity)
    {
        var field = Find(call, entity);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var settings = (JObject)field.Settings.DeepClone();
        if (fields.Object("SETTINGS") is { } newSettings)
        {
            settings.Merge(newSettings, new Newtonsoft.Json.Linq.JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Replace });
        }

        var labels = field.Labels.ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal);
        var fallback = fields.Get("LABEL") is { } label ? LangMap(label) : null;
        foreach (var key in UserFieldView.LabelKeys)
        {
            var map = fields.Get(key) is { } given ? LangMap(given) : key is "ERROR_MESSAGE" or "HELP_MESSAGE" ? null : fallback;
            if (map is null)
            {
                continue;
            }

            foreach (var language in labels.GetValueOrDefault(key)?.Properties().Select(p => p.Name) ?? [])
            {
                map[language] ??= "";
            }

            labels[key] = map;
        }

        var updated = field with
        {
            Mandatory = Params.AsBool(fields.Get("MANDATORY")) ?? field.Mandatory,
            ShowFilter = fields.String("SHOW_FILTER") ?? field.ShowFilter,
            XmlId = fields.String("XML_ID") ?? field.XmlId,
            Settings = settings,
            Sort = Sort(fields) ?? field.Sort,
            ShowInList = Params.AsBool(fields.Get("SHOW_IN_LIST")) ?? field.ShowInList,
            EditInList = Params.AsBool(fields.Get("EDIT_IN_LIST")) ?? field.EditInList,
            IsSearchable = Params.AsBool(fields.Get("IS_SEARCHABLE")) ?? field.IsSearchable,
            Labels = labels,
            List = field.UserTypeId == "enumeration" && fields.Get("LIST") is { } list ? UpdateList(call.State, field.List, list) : field.List,
        };
        call.State.UserFields[field.Id] = updated;
        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call, EntityKind entity)
    {
        var rows = call.State.UserFieldsOf(entity).Select(UserFieldView.ToJson).ToList();
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), Known);
        var order = RowOrder.Parse(call.Parameters.Get("order"), Known);
        var matching = rows.Where(filter.Matches);
        if (order.Keys.Count > 0)
        {
            matching = matching.OrderBy(r => r, order);
        }

        var all = new JArray(matching);
        return new MethodResult(all, all.Count);
    }

    private static MethodResult Delete(MethodCall call, EntityKind entity)
    {
        var field = Find(call, entity);
        call.State.UserFields.Remove(field.Id);
        foreach (var row in call.State.Table(entity).Rows.Values)
        {
            row.Remove(field.FieldName);
        }

        return MethodResult.True;
    }

    private static UserField Find(MethodCall call, EntityKind entity)
    {
        var id = call.Parameters.Int("id") ?? throw RestException.Core("Required parameter 'id' is missing.");
        return call.State.UserFields.GetValueOrDefault(id) is { } field && field.Entity == entity
            ? field
            : throw RestException.NotFound($"User field {id} not found.");
    }

    private static string FieldName(string? requested)
    {
        var name = requested?.Trim().ToUpperInvariant() ?? "";
        if (name.Length == 0)
        {
            throw RestException.Core("Field FIELD_NAME is required.");
        }

        name = name.StartsWith("UF_CRM_", StringComparison.Ordinal) ? name
            : name.StartsWith("UF_", StringComparison.Ordinal) ? "UF_CRM_" + name[3..]
            : "UF_CRM_" + name;
        if (!FieldNamePattern().IsMatch(name))
        {
            throw RestException.Core($"Invalid FIELD_NAME '{name}': only A-Z, 0-9 and _ are allowed.");
        }

        if (name.Length > MaxFieldNameLength)
        {
            throw RestException.Core($"FIELD_NAME '{name}' is longer than {MaxFieldNameLength} characters (the UF_CRM_ prefix included).");
        }

        return name;
    }

    private static List<EnumItem> UpdateList(PortalState state, IReadOnlyList<EnumItem> current, JToken? changes)
    {
        var items = current.ToList();
        var entries = changes switch
        {
            JArray list => list.OfType<JObject>().ToList(),
            JObject map => map.Properties().Select(p => p.Value).OfType<JObject>().ToList(),
            _ => [],
        };
        foreach (var entry in entries)
        {
            var value = entry.String("VALUE");
            if (entry.Int("ID") is { } id)
            {
                var index = items.FindIndex(i => i.Id == id);
                if (index < 0)
                {
                    continue;
                }

                if (Params.AsBool(entry.Get("DEL")) == true)
                {
                    items.RemoveAt(index);
                    continue;
                }

                var item = items[index];
                items[index] = item with
                {
                    Value = string.IsNullOrEmpty(value) ? item.Value : value,
                    Sort = entry.Int("SORT") ?? item.Sort,
                    Def = Params.AsBool(entry.Get("DEF")) ?? item.Def,
                    XmlId = entry.String("XML_ID") ?? item.XmlId,
                };
            }
            else if (!string.IsNullOrEmpty(value))
            {
                items.Add(new EnumItem(state.NextId("enum"), value, entry.Int("SORT") ?? 500, Params.AsBool(entry.Get("DEF")) ?? false, entry.String("XML_ID") ?? RandomTokens.Hex(32)));
            }
        }

        return items;
    }

    private static JObject LangMap(JToken label) => label switch
    {
        JObject map => new JObject(map.Properties().Select(p => new JProperty(p.Name, Params.AsString(p.Value) ?? ""))),
        _ => new JObject(Languages.Select(l => new JProperty(l, Params.AsString(label) ?? ""))),
    };

    private static int? Sort(JObject fields) =>
        fields.Get("SORT") is { } sort ? (Params.AsInt(sort) is > 0 and var value ? value : throw RestException.Core("SORT must be a positive integer.")) : null;

    private static string? Known(string field) => field.ToUpperInvariant() switch
    {
        "ID" or "ENTITY_ID" or "FIELD_NAME" or "USER_TYPE_ID" or "XML_ID" or "SORT" or "MULTIPLE" or "MANDATORY" or "SHOW_FILTER" or "SHOW_IN_LIST" or "EDIT_IN_LIST" or "IS_SEARCHABLE" => field.ToUpperInvariant(),
        _ => null,
    };

    [GeneratedRegex("^[A-Z0-9_]+$")]
    private static partial Regex FieldNamePattern();
}
