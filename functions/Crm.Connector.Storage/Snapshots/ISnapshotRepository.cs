namespace Crm.Connector.Storage.Snapshots;

/// <summary>Last-seen state of CRM items, per portal.</summary>
public interface ISnapshotRepository
{
    Task<EntitySnapshot?> GetAsync(string memberId, string entity, long itemId, CancellationToken cancellationToken = default);

    /// <summary>The snapshots that exist among <paramref name="itemIds"/>, by item id (one query).</summary>
    Task<IReadOnlyDictionary<long, EntitySnapshot>> GetManyAsync(string memberId, string entity, IReadOnlyCollection<long> itemIds, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces each snapshot, all in one transaction.</summary>
    Task SaveManyAsync(IReadOnlyCollection<EntitySnapshot> snapshots, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string memberId, string entity, long itemId, CancellationToken cancellationToken = default);
}
