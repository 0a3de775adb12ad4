using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary>Stages, lead statuses and directories: <c>crm.status.*</c> (bitrix24-rest.md §6.2).</summary>
public sealed class StatusService(Bitrix24Requestor requestor, ListReader lists)
{
    /// <summary>The directory of a deal pipeline's stages: <c>DEAL_STAGE</c> for pipeline 0, else <c>DEAL_STAGE_{id}</c>.</summary>
    public static string DealStages(int categoryId) => categoryId == 0 ? "DEAL_STAGE" : $"DEAL_STAGE_{categoryId}";

    /// <summary>The directory of lead statuses.</summary>
    public const string LeadStatuses = "STATUS";

    /// <summary>The directory of sources.</summary>
    public const string Sources = "SOURCE";

    /// <summary><c>crm.status.add</c>; returns the new record's id. Read STATUS_ID back: the portal prefixes and may cut it.</summary>
    public async Task<int> AddAsync(StatusAddRequest request, CancellationToken cancellationToken = default) =>
        (await requestor.CallAsync("crm.status.add", new JObject { ["fields"] = Bitrix24Json.From(request) }, cancellationToken)).Result.Value<int>();

    /// <summary><c>crm.status.update</c> (name, sort, colour).</summary>
    public async Task UpdateAsync(int id, StatusUpdateRequest request, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("crm.status.update", new JObject { ["id"] = id, ["fields"] = Bitrix24Json.From(request) }, cancellationToken);

    /// <summary><c>crm.status.delete</c>; system stages need <paramref name="forced"/>; refused while items sit in the stage.</summary>
    public async Task DeleteAsync(int id, bool forced = false, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("crm.status.delete", new JObject { ["id"] = id, ["params"] = new JObject { ["FORCED"] = forced ? "Y" : "N" } }, cancellationToken);

    /// <summary><c>crm.status.get</c>.</summary>
    public async Task<Status> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<Status>((await requestor.CallAsync("crm.status.get", new JObject { ["id"] = id }, cancellationToken)).Result);

    /// <summary><c>crm.status.list</c> of one directory, in SORT order.</summary>
    public async Task<IReadOnlyList<Status>> ListAsync(string entityId, CancellationToken cancellationToken = default)
    {
        var parameters = new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = entityId }, ["order"] = new JObject { ["SORT"] = "ASC" } };
        var all = new List<Status>();
        await foreach (var row in lists.PagesAsync("crm.status.list", parameters, ListShape.Legacy, cancellationToken))
        {
            all.Add(Bitrix24Json.To<Status>(row));
        }

        return all;
    }

    /// <summary><c>crm.status.entity.types</c>: the directories and their semantics.</summary>
    public async Task<JArray> EntityTypesAsync(CancellationToken cancellationToken = default) =>
        (JArray)(await requestor.CallAsync("crm.status.entity.types", null, cancellationToken)).Result;
}
