using Crm.Connector.Limits;
using Crm.Connector.Storage.Sql;

namespace Crm.Connector.Storage.Budget;

/// <summary>
/// The request budget of every instance on the database: each instance paces its own requests with a
/// <see cref="RequestPacer"/>, and all of them count in one <see cref="SqlRequestBucket"/> — so together they send at most
/// the burst at once and the drain rate after that, and a 503 seen by one makes all of them wait for the drain.
/// </summary>
internal sealed class SqlRequestBudget(StoreDatabase database, TimeProvider time) : IRequestBudget
{
    private readonly RequestPacer _pacer = new(new SqlRequestBucket(database, time), time);

    public ValueTask<RequestPermit> AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default) =>
        _pacer.AcquireAsync(portalKey, limit, cancellationToken);
}
