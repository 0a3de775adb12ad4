using Crm.Connector.Sandbox.Bitrix24.State;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// A <c>crm.status</c> directory (§6.2): <c>STATUS</c> (lead statuses), <c>DEAL_STAGE</c> (default pipeline),
/// <c>DEAL_STAGE_{id}</c> (other pipelines, STATUS_ID prefix <c>C{id}:</c>) and <c>SOURCE</c>.
/// </summary>
internal sealed record StatusDirectory(string EntityId, string Name, int? CategoryId, string Prefix, bool Stages)
{
    public static bool HasSemantics(string entityId) =>
        string.Equals(entityId, "STATUS", StringComparison.Ordinal) || entityId.StartsWith("DEAL_STAGE", StringComparison.Ordinal);

    public static StatusDirectory? Find(PortalState state, string? entityId)
    {
        switch (entityId)
        {
            case "STATUS":
                return new StatusDirectory("STATUS", "Статусы", null, "", true);
            case "SOURCE":
                return new StatusDirectory("SOURCE", "Источники", null, "", false);
            case "DEAL_STAGE":
                return new StatusDirectory("DEAL_STAGE", "Стадии сделки", 0, "", true);
        }

        if (entityId is not null && entityId.StartsWith("DEAL_STAGE_", StringComparison.Ordinal) &&
            int.TryParse(entityId["DEAL_STAGE_".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) &&
            id > 0 && state.Categories.TryGetValue(id, out var category))
        {
            return new StatusDirectory(category.StageEntityId, $"Стадии сделки «{category.Name}»", category.Id, category.StagePrefix, true);
        }

        return null;
    }

    public static IEnumerable<StatusDirectory> All(PortalState state)
    {
        yield return Find(state, "STATUS")!;
        yield return Find(state, "SOURCE")!;
        foreach (var category in state.Categories.Values)
        {
            yield return Find(state, category.StageEntityId)!;
        }
    }
}
