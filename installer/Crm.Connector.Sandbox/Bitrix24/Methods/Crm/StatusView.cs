using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// A directory element as crm.status.list/get answer it (§6.2): <c>ID, ENTITY_ID, STATUS_ID, NAME, NAME_INIT, SORT,
/// SYSTEM, CATEGORY_ID, COLOR, SEMANTICS (null|S|F), EXTRA {SEMANTICS process|success|failure, COLOR}</c>; numbers as
/// strings like the legacy API.
/// </summary>
internal static class StatusView
{
    public static JObject ToJson(StageStatus status)
    {
        var json = new JObject
        {
            ["ID"] = Params.Text(status.Id),
            ["ENTITY_ID"] = status.EntityId,
            ["STATUS_ID"] = status.StatusId,
            ["NAME"] = status.Name,
            ["NAME_INIT"] = status.System ? status.NameInit : "",
            ["SORT"] = Params.Text(status.Sort),
            ["SYSTEM"] = status.System ? "Y" : "N",
            ["CATEGORY_ID"] = status.CategoryId is { } category ? Params.Text(category) : null,
            ["COLOR"] = status.Color,
            ["SEMANTICS"] = status.Semantics,
        };
        if (StatusDirectory.HasSemantics(status.EntityId))
        {
            json["EXTRA"] = new JObject
            {
                ["SEMANTICS"] = status.Semantics switch { "S" => "success", "F" => "failure", _ => "process" },
                ["COLOR"] = status.Color,
            };
        }

        return json;
    }
}
