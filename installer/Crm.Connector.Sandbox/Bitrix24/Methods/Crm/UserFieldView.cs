using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>A user field as <c>crm.deal.userfield.get/list</c> answer it (§7); numbers and flags as strings.</summary>
internal static class UserFieldView
{
    public static readonly IReadOnlyList<string> LabelKeys = ["EDIT_FORM_LABEL", "LIST_COLUMN_LABEL", "LIST_FILTER_LABEL", "ERROR_MESSAGE", "HELP_MESSAGE"];

    public static JObject ToJson(UserField field)
    {
        var json = new JObject
        {
            ["ID"] = Params.Text(field.Id),
            ["ENTITY_ID"] = field.Entity.UfEntityId,
            ["FIELD_NAME"] = field.FieldName,
            ["USER_TYPE_ID"] = field.UserTypeId,
            ["XML_ID"] = field.XmlId,
            ["SORT"] = Params.Text(field.Sort),
            ["MULTIPLE"] = field.Multiple ? "Y" : "N",
            ["MANDATORY"] = field.Mandatory ? "Y" : "N",
            ["SHOW_FILTER"] = field.ShowFilter,
            ["SHOW_IN_LIST"] = field.ShowInList ? "Y" : "N",
            ["EDIT_IN_LIST"] = field.EditInList ? "Y" : "N",
            ["IS_SEARCHABLE"] = field.IsSearchable ? "Y" : "N",
            ["SETTINGS"] = field.Settings.DeepClone(),
        };
        foreach (var key in LabelKeys)
        {
            json[key] = Label(field, key);
        }

        if (field.UserTypeId == "enumeration")
        {
            json["LIST"] = new JArray(field.List.OrderBy(i => i.Sort).ThenBy(i => i.Id).Select(i => new JObject
            {
                ["ID"] = Params.Text(i.Id),
                ["SORT"] = Params.Text(i.Sort),
                ["VALUE"] = i.Value,
                ["DEF"] = i.Def ? "Y" : "N",
                ["XML_ID"] = i.XmlId,
            }));
        }

        return json;
    }

    public static JObject Label(UserField field, string key) =>
        field.Labels.TryGetValue(key, out var map) ? (JObject)map.DeepClone() : [];
}
