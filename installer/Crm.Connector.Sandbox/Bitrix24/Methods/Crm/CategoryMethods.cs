using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.category.add|update|get|list|delete|fields</c> for deal pipelines (bitrix24-rest.md §6.1). Leads have no
/// pipelines (ENTITY_TYPE_NOT_SUPPORTED). Assumed: contact/company/smart-process pipelines are not emulated and answer
/// the same error.
/// </summary>
internal static class CategoryMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("crm.category.add", Add);
        methods.Add("crm.category.update", Update);
        methods.Add("crm.category.get", Get);
        methods.Add("crm.category.list", List);
        methods.Add("crm.category.delete", Delete);
        methods.Add("crm.category.fields", Fields);
    }

    /// <summary>
    /// §6.1: duplicates are not checked (a second add with the same name makes a second pipeline); the new pipeline is
    /// filled with the default stages; the plan caps the number of pipelines (UNCONFIRMED limits, see PlanProfile).
    /// </summary>
    private static MethodResult Add(MethodCall call)
    {
        RequireDeals(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var name = RequireName(fields);
        var sort = Sort(fields) ?? 500;
        if (call.Portal.Plan.MaxPipelines is { } max && call.State.Categories.Count >= max)
        {
            throw RestException.Core($"The plan '{call.Portal.Plan.Name}' allows {max} deal pipeline(s) including the default one; upgrade the plan to add more.");
        }

        var category = call.State.AddCategory(name, sort);
        return MethodResult.Of(new JObject { ["category"] = CategoryView.ToJson(category) });
    }

    /// <summary>UNCONFIRMED (§6.1, §17): renaming the default pipeline through crm.category.update is allowed; isDefault is read-only.</summary>
    private static MethodResult Update(MethodCall call)
    {
        var category = Find(call);
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var updated = category with
        {
            Name = fields.Get("name") is not null ? RequireName(fields) : category.Name,
            Sort = Sort(fields) ?? category.Sort,
        };
        call.State.Categories[updated.Id] = updated;
        return MethodResult.Of(new JObject { ["category"] = CategoryView.ToJson(updated) });
    }

    private static MethodResult Get(MethodCall call) => MethodResult.Of(new JObject { ["category"] = CategoryView.ToJson(Find(call)) });

    private static MethodResult List(MethodCall call)
    {
        RequireDeals(call);
        var rows = call.State.Categories.Values.OrderBy(c => c.Sort).ThenBy(c => c.Id).Select(CategoryView.ToJson);
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), Known);
        var order = RowOrder.Parse(call.Parameters.Get("order"), Known, "id");
        var (page, total, next) = ListPage.Take(rows, filter, order, call.Parameters, idOrdered: false);
        return new MethodResult(new JObject { ["categories"] = new JArray(page) }, total, next);
    }

    /// <summary>§6.1: the default pipeline and pipelines holding deals cannot be deleted; its stages go with it.</summary>
    private static MethodResult Delete(MethodCall call)
    {
        var category = Find(call);
        if (category.IsDefault)
        {
            throw RestException.Core("Default deal category cannot be deleted.");
        }

        if (call.State.Table(EntityKind.Deal).Rows.Values.Any(d => Params.AsInt(d["CATEGORY_ID"]) == category.Id))
        {
            throw RestException.Core($"Deals related to the funnel '{category.Name}' found; move or delete them first.");
        }

        call.State.Categories.Remove(category.Id);
        foreach (var stage in call.State.StatusesOf(category.StageEntityId).ToList())
        {
            call.State.Statuses.Remove(stage.Id);
        }

        return MethodResult.Of(new JArray());
    }

    private static MethodResult Fields(MethodCall call)
    {
        RequireDeals(call);
        static JObject Field(string type, string title, bool readOnly = false, bool required = false) => new()
        {
            ["type"] = type, ["isRequired"] = required, ["isReadOnly"] = readOnly, ["isImmutable"] = false, ["isMultiple"] = false, ["isDynamic"] = false, ["title"] = title,
        };
        return MethodResult.Of(new JObject
        {
            ["fields"] = new JObject
            {
                ["id"] = Field("integer", "ID", readOnly: true),
                ["name"] = Field("string", "Название", required: true),
                ["sort"] = Field("integer", "Сортировка"),
                ["entityTypeId"] = Field("integer", "Тип сущности", readOnly: true),
                ["isDefault"] = Field("boolean", "По умолчанию", readOnly: true),
                ["originId"] = Field("string", "Внешний ID"),
                ["originatorId"] = Field("string", "ID источника"),
            },
        });
    }

    private static Category Find(MethodCall call)
    {
        RequireDeals(call);
        var id = call.Parameters.Int("id") ?? throw RestException.Core("Required parameter 'id' is missing.");
        return call.State.Categories.GetValueOrDefault(id) ?? throw RestException.NotFound($"Category {id} not found.");
    }

    private static void RequireDeals(MethodCall call)
    {
        var typeId = call.Parameters.Int("entityTypeId") ?? throw RestException.Core("Required parameter 'entityTypeId' is missing.");
        if (typeId != EntityKind.Deal.TypeId)
        {
            throw new RestException("ENTITY_TYPE_NOT_SUPPORTED", $"Entity type {typeId} does not support categories.");
        }
    }

    private static string RequireName(JObject fields)
    {
        var name = fields.String("name")?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 255)
        {
            throw RestException.Core("Field 'name' is required (1..255 characters).");
        }

        return name;
    }

    private static int? Sort(JObject fields)
    {
        if (fields.Get("sort") is not { } sort)
        {
            return null;
        }

        return Params.AsInt(sort) is >= 0 and var value ? value : throw RestException.Core("Field 'sort' must be a non-negative integer.");
    }

    private static string? Known(string field) => field is "id" or "name" or "sort" or "entityTypeId" or "isDefault" ? field : null;
}
