using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services;

/// <summary>
/// <c>placement.*</c>: the app's widgets in the portal's interface (api-reference/widgets/). Application context and the
/// <c>placement</c> scope (CRM codes also <c>crm</c>); binding and unbinding need an admin.
/// </summary>
public sealed class PlacementService(Bitrix24Requestor requestor)
{
    /// <summary>
    /// <c>placement.bind</c>. The same placement and handler again answers ERROR_CORE "Handler already binded"; an
    /// unknown code ERROR_PLACEMENT_NOT_FOUND. To change a title, unbind and bind again.
    /// </summary>
    public async Task BindAsync(PlacementBindRequest request, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("placement.bind", Bitrix24Json.From(request), cancellationToken);

    /// <summary>
    /// <c>placement.unbind</c>: the handlers of <paramref name="placement"/> (only <paramref name="handler"/>'s when
    /// given). Returns the portal's <c>count</c>, which goes up by two per handler removed (one found, one removed).
    /// </summary>
    public async Task<int> UnbindAsync(string placement, string? handler = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(placement);
        var parameters = new JObject { ["PLACEMENT"] = placement };
        if (handler is not null)
        {
            parameters["HANDLER"] = handler;
        }

        var result = (await requestor.CallAsync("placement.unbind", parameters, cancellationToken)).Result;
        return result?.Value<int?>("count") ?? 0;
    }

    /// <summary><c>placement.get</c>: the handlers this app bound.</summary>
    public async Task<IReadOnlyList<PlacementHandler>> GetAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<List<PlacementHandler>>((await requestor.CallAsync("placement.get", null, cancellationToken)).Result);

    /// <summary><c>placement.list</c>: the codes this app may bind.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<List<string>>((await requestor.CallAsync("placement.list", null, cancellationToken)).Result);
}
