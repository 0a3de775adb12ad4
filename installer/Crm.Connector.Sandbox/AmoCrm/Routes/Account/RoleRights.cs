using Crm.Connector.Sandbox.AmoCrm.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Account;

/// <summary>
/// Validates a role's <c>rights</c> (§10): per entity (leads, contacts, companies) the actions view, edit, add,
/// delete, export; tasks edit and delete — each a letter A (all), G (group), M (own) or D (denied);
/// <c>status_rights[]</c> name an existing pipeline stage.
/// </summary>
internal static class RoleRights
{
    private static readonly string[] Letters = ["A", "G", "M", "D"];
    private static readonly string[] EntityActions = ["view", "edit", "add", "delete", "export"];
    private static readonly string[] TaskActions = ["edit", "delete"];

    public static JObject? Read(ApiCall call, FieldReader reader)
    {
        if (reader.Object("rights") is not { } rights)
        {
            return null;
        }

        var nested = reader.Nested(rights, "rights");
        foreach (var entity in new[] { "leads", "contacts", "companies", "tasks" })
        {
            if (nested.Object(entity) is not { } actions)
            {
                continue;
            }

            var allowed = entity == "tasks" ? TaskActions : EntityActions;
            foreach (var property in actions.Properties())
            {
                var path = $"{entity}.{property.Name}";
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    nested.Error("FieldNotExpected", path, $"Unknown action '{property.Name}'.");
                }
                else if (property.Value.Type != JTokenType.String || !Letters.Contains((string?)property.Value, StringComparer.Ordinal))
                {
                    nested.Error("NotSupportedChoice", path, "The value should be one of A, G, M, D.");
                }
            }
        }

        if (nested.Array("status_rights") is { } statusRights)
        {
            for (var i = 0; i < statusRights.Count; i++)
            {
                var path = $"status_rights.{FieldReader.Index(i)}";
                if (statusRights[i] is not JObject entry)
                {
                    nested.Error("InvalidType", path, "This value should be of type object.");
                    continue;
                }

                var pipelineId = entry.Value<long?>("pipeline_id") ?? 0;
                var statusId = entry.Value<long?>("status_id") ?? 0;
                if (call.State.Status(pipelineId, statusId) is null)
                {
                    nested.Error("NotSupportedChoice", path + ".status_id", "No such status in this pipeline.");
                }
            }
        }

        return (JObject)rights.DeepClone();
    }
}
