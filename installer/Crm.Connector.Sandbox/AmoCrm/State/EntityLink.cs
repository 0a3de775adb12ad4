namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A link between a lead and a contact or company, or a contact and a company (amocrm-api.md §6.2).</summary>
internal sealed record EntityLink(EntityKind From, long FromId, EntityKind To, long ToId, bool IsMain)
{
    public bool Touches(EntityKind kind, long id) => (From == kind && FromId == id) || (To == kind && ToId == id);

    /// <summary>The other end seen from (<paramref name="kind"/>, <paramref name="id"/>).</summary>
    public (EntityKind Kind, long Id) Other(EntityKind kind, long id) => From == kind && FromId == id ? (To, ToId) : (From, FromId);
}
