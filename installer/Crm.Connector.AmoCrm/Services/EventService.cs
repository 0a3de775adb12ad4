using Crm.Connector.AmoCrm.Models;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>The account's history: <c>GET /api/v4/events</c> (amocrm-api.md §7.3; read only).</summary>
public sealed class EventService : AmoService
{
    internal EventService(Transport.AmoCrmRequestor requestor)
        : base(requestor)
    {
    }

    /// <summary><c>GET /api/v4/events</c>: every page (100 a page) of what <paramref name="filter"/> selects — narrow it, history is long.</summary>
    public Task<IReadOnlyList<AmoEvent>> ListAsync(AmoEventFilter? filter = null, CancellationToken cancellationToken = default) =>
        ListAsync<AmoEvent>("api/v4/events", "events", cancellationToken, Filters.Query(filter), AmoLimits.EventPageSize);
}
