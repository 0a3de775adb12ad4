namespace Crm.Connector.Limits;

/// <summary>
/// Accounts' leaky buckets (a Bitrix24 portal's, bitrix24-rest.md §12.1; an amoCRM account's, amocrm-api.md §9) as everyone sharing them counts: in this process
/// (<see cref="InMemoryRequestBucket"/>) or in a database that every instance of the app uses. It only counts; who may
/// send and when is the <see cref="RequestPacer"/>'s decision.
/// </summary>
public interface IRequestBucket
{
    /// <summary>Counts one request to <paramref name="portalKey"/> if it fits under <paramref name="limit"/> now; otherwise says how long until one would.</summary>
    ValueTask<BucketTake> TryTakeAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default);

    /// <summary>The portal answered 503 QUERY_LIMIT_EXCEEDED: its bucket is full now, whatever was counted here.</summary>
    ValueTask FillAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default);
}
