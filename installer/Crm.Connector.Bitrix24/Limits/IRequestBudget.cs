namespace Crm.Connector.Bitrix24.Limits;

/// <summary>
/// Paces requests per portal so that everyone sharing the budget stays under the portal's limit. One process shares an
/// <see cref="InMemoryRequestBudget"/>; several instances of the app share one backed by their database.
/// </summary>
public interface IRequestBudget
{
    /// <summary>Waits until portal <paramref name="portalKey"/> can take one more request under <paramref name="limit"/>.</summary>
    ValueTask AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default);

    /// <summary>The portal answered 503 QUERY_LIMIT_EXCEEDED: its bucket is full (someone else is spending it too).</summary>
    void ReportFull(string portalKey);
}
