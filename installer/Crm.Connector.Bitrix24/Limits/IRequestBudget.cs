namespace Crm.Connector.Bitrix24.Limits;

/// <summary>
/// Paces requests per portal so that everyone sharing the budget stays under the portal's limit (bitrix24-rest.md §12.1).
/// One process shares an <see cref="InMemoryRequestBudget"/>; several instances of the app share a
/// <see cref="RequestPacer"/> over a bucket kept in their database.
/// </summary>
public interface IRequestBudget
{
    /// <summary>
    /// Waits until one more request to <paramref name="portalKey"/> may be sent under <paramref name="limit"/>, and counts
    /// it from now: send it at once, report the portal's answer on the permit, then dispose the permit.
    /// </summary>
    ValueTask<RequestPermit> AcquireAsync(string portalKey, RateLimit limit, CancellationToken cancellationToken = default);
}
