using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary>Pipelines: <c>crm.category.*</c> (bitrix24-rest.md §6.1). Deals are entity type 2.</summary>
public sealed class CategoryService(Bitrix24Requestor requestor)
{
    public const int DealEntityTypeId = 2;

    /// <summary><c>crm.category.add</c>. The portal does not check names: look before adding. The new pipeline comes with default stages.</summary>
    public async Task<Category> AddAsync(int entityTypeId, CategoryAddRequest request, CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<Category>((await requestor.CallAsync("crm.category.add", new JObject { ["entityTypeId"] = entityTypeId, ["fields"] = Bitrix24Json.From(request) }, cancellationToken)).Result["category"]);

    /// <summary><c>crm.category.update</c>.</summary>
    public async Task UpdateAsync(int entityTypeId, int id, CategoryAddRequest request, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("crm.category.update", new JObject { ["entityTypeId"] = entityTypeId, ["id"] = id, ["fields"] = Bitrix24Json.From(request) }, cancellationToken);

    /// <summary><c>crm.category.get</c>.</summary>
    public async Task<Category> GetAsync(int entityTypeId, int id, CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<Category>((await requestor.CallAsync("crm.category.get", new JObject { ["entityTypeId"] = entityTypeId, ["id"] = id }, cancellationToken)).Result["category"]);

    /// <summary><c>crm.category.list</c>: every pipeline the caller may read (the default one has id 0).</summary>
    public async Task<IReadOnlyList<Category>> ListAsync(int entityTypeId, CancellationToken cancellationToken = default)
    {
        var all = new List<Category>();
        int? start = 0;
        while (start is not null)
        {
            var response = await requestor.CallAsync("crm.category.list", new JObject { ["entityTypeId"] = entityTypeId, ["start"] = start }, cancellationToken);
            all.AddRange(Bitrix24Json.To<List<Category>>(response.Result["categories"]));
            start = response.Next;
        }

        return all;
    }

    /// <summary><c>crm.category.delete</c>: refused for the default pipeline and for one holding deals.</summary>
    public async Task DeleteAsync(int entityTypeId, int id, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("crm.category.delete", new JObject { ["entityTypeId"] = entityTypeId, ["id"] = id }, cancellationToken);
}
