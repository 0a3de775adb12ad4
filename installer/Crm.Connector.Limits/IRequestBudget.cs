namespace Crm.Connector.Limits;

/// <summary>
/// Paces requests per CRM account (a Bitrix24 portal, an amoCRM account; the key names it) so that everyone sharing the
/// budget stays under its limit (bitrix24-rest.md §12.1, amocrm-api.md §9).
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
