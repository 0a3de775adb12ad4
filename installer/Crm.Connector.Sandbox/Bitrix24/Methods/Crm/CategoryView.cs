using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>A pipeline as crm.category.* answers it (§6.1).</summary>
internal static class CategoryView
{
    public static JObject ToJson(Category category) => new()
    {
        ["id"] = category.Id,
        ["name"] = category.Name,
        ["sort"] = category.Sort,
        ["entityTypeId"] = EntityKind.Deal.TypeId,
        ["isDefault"] = category.IsDefault ? "Y" : "N",
        ["originId"] = "",
        ["originatorId"] = "",
    };
}
