using Crm.Connector.Sandbox.Bitrix24.Methods.Crm;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>The field descriptions of <c>crm.deal.fields</c> (legacy names) and <c>crm.item.fields</c> (camelCase).</summary>
internal static class ItemFieldsView
{
    public static JObject Legacy(PortalState state, EntityKind entity)
    {
        var fields = new JObject();
        foreach (var field in entity.Fields)
        {
            fields[field.Name] = Describe(field, entity);
        }

        foreach (var uf in state.UserFieldsOf(entity))
        {
            fields[uf.FieldName] = Describe(uf);
        }

        return fields;
    }

    public static JObject Modern(PortalState state, EntityKind entity, bool originalUfNames)
    {
        var fields = new JObject();
        foreach (var field in entity.Fields.Where(f => f.Camel is not null))
        {
            var description = Describe(field, entity);
            description["upperName"] = field.Name;
            fields[field.Camel!] = description;
        }

        foreach (var uf in state.UserFieldsOf(entity))
        {
            var description = Describe(uf);
            description["upperName"] = uf.FieldName;
            fields[originalUfNames ? uf.FieldName : UfNames.ToCamel(uf.FieldName)] = description;
        }

        return new JObject { ["fields"] = fields };
    }

    private static JObject Describe(FieldDefinition field, EntityKind entity)
    {
        var description = new JObject
        {
            ["type"] = field.TypeName,
            ["isRequired"] = false,
            ["isReadOnly"] = field.ReadOnly,
            ["isImmutable"] = false,
            ["isMultiple"] = field.Multiple,
            ["isDynamic"] = false,
            ["title"] = field.Title,
        };
        var statusType = (entity.Code, field.Name) switch
        {
            ("deal", "STAGE_ID") => "DEAL_STAGE",
            ("lead", "STATUS_ID") => "STATUS",
            (_, "SOURCE_ID") => "SOURCE",
            _ => null,
        };
        if (statusType is not null)
        {
            description["statusType"] = statusType;
        }

        return description;
    }

    private static JObject Describe(UserField field)
    {
        var labels = UserFieldView.Label(field, "LIST_COLUMN_LABEL");
        var description = new JObject
        {
            ["type"] = field.UserTypeId,
            ["isRequired"] = field.Mandatory,
            ["isReadOnly"] = false,
            ["isImmutable"] = false,
            ["isMultiple"] = field.Multiple,
            ["isDynamic"] = true,
            ["title"] = field.FieldName,
            ["listLabel"] = labels,
            ["formLabel"] = UserFieldView.Label(field, "EDIT_FORM_LABEL"),
            ["filterLabel"] = UserFieldView.Label(field, "LIST_FILTER_LABEL"),
            ["settings"] = field.Settings.DeepClone(),
        };
        if (field.UserTypeId == "enumeration")
        {
            description["items"] = new JArray(field.List.Select(i => new JObject { ["ID"] = i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["VALUE"] = i.Value }));
        }

        return description;
    }
}
