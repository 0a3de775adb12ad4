using Crm.Connector.Sandbox.AmoCrm.State;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Records;

/// <summary>
/// Links between records (§6.2). A lead has at most one company (linking another replaces it) and at most one main
/// contact; a contact has at most one company. Links are stored once, from the "lower" entity (lead → contact →
/// company).
/// </summary>
internal static class Linker
{
    public static void Link(AccountState state, EntityKind a, long aId, EntityKind b, long bId, bool isMain)
    {
        var (from, fromId, to, toId) = a < b ? (a, aId, b, bId) : (b, bId, a, aId);
        state.Links.RemoveAll(l => l.From == from && l.FromId == fromId && l.To == to && l.ToId == toId);
        if (to == EntityKind.Company)
        {
            state.Links.RemoveAll(l => l.From == from && l.FromId == fromId && l.To == EntityKind.Company);
        }

        if (from == EntityKind.Lead && to == EntityKind.Contact && isMain)
        {
            for (var i = 0; i < state.Links.Count; i++)
            {
                var link = state.Links[i];
                if (link.From == from && link.FromId == fromId && link.To == EntityKind.Contact && link.IsMain)
                {
                    state.Links[i] = link with { IsMain = false };
                }
            }
        }

        state.Links.Add(new EntityLink(from, fromId, to, toId, from == EntityKind.Lead && to == EntityKind.Contact && isMain));
    }

    public static bool Unlink(AccountState state, EntityKind a, long aId, EntityKind b, long bId)
    {
        var (from, fromId, to, toId) = a < b ? (a, aId, b, bId) : (b, bId, a, aId);
        return state.Links.RemoveAll(l => l.From == from && l.FromId == fromId && l.To == to && l.ToId == toId) > 0;
    }
}
