using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary>
/// Any CRM item through <c>crm.item.*</c> (bitrix24-rest.md §8): 1 lead, 2 deal, 3 contact, 4 company. Custom fields
/// keep their original <c>UF_CRM_…</c> names (<c>useOriginalUfNames=Y</c>) so they read the same everywhere.
/// </summary>
public sealed class ItemService(Bitrix24Requestor requestor, ListReader lists)
{
    /// <summary><c>crm.item.add</c>; returns the new item.</summary>
    public async Task<JObject> AddAsync(int entityTypeId, JObject fields, CancellationToken cancellationToken = default) =>
        Item(await requestor.CallAsync("crm.item.add", Call(entityTypeId, null, fields), cancellationToken));

    /// <summary><c>crm.item.update</c>: changes only what differs (the portal saves nothing when nothing changed); a new <c>categoryId</c> moves a deal to another pipeline.</summary>
    public async Task<JObject> UpdateAsync(int entityTypeId, int id, JObject fields, CancellationToken cancellationToken = default) =>
        Item(await requestor.CallAsync("crm.item.update", Call(entityTypeId, id, fields), cancellationToken));

    /// <summary><c>crm.item.get</c>.</summary>
    public async Task<JObject> GetAsync(int entityTypeId, int id, CancellationToken cancellationToken = default) =>
        Item(await requestor.CallAsync("crm.item.get", Call(entityTypeId, id, null), cancellationToken));

    /// <summary><c>crm.item.delete</c>.</summary>
    public async Task DeleteAsync(int entityTypeId, int id, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync("crm.item.delete", new JObject { ["entityTypeId"] = entityTypeId, ["id"] = id }, cancellationToken);

    /// <summary><c>crm.item.fields</c>.</summary>
    public async Task<JObject> FieldsAsync(int entityTypeId, CancellationToken cancellationToken = default) =>
        (JObject)(await requestor.CallAsync("crm.item.fields", new JObject { ["entityTypeId"] = entityTypeId, ["useOriginalUfNames"] = "Y" }, cancellationToken)).Result;

    /// <summary><c>crm.item.list</c> page by page.</summary>
    public IAsyncEnumerable<JObject> ListAsync(int entityTypeId, JObject? filter = null, IReadOnlyList<string>? select = null, JObject? order = null, CancellationToken cancellationToken = default) =>
        lists.PagesAsync("crm.item.list", Query(entityTypeId, filter, select, order), ListShape.Item, cancellationToken);

    /// <summary>Every matching item by the fast id-keyset scan, 2,500 per request.</summary>
    public IAsyncEnumerable<JObject> ScanAsync(int entityTypeId, JObject? filter = null, IReadOnlyList<string>? select = null, int pagesPerRequest = 50, CancellationToken cancellationToken = default) =>
        lists.ScanAsync("crm.item.list", Query(entityTypeId, filter, select, null), ListShape.Item, pagesPerRequest, cancellationToken);

    /// <summary>
    /// Every matching item, sooner than <see cref="ScanAsync"/>: id ranges of 2,500 read at once (<see cref="ListReader.ReadAllAsync"/>),
    /// in id order. Reads ahead of the reader.
    /// </summary>
    public IAsyncEnumerable<JObject> ReadAllAsync(int entityTypeId, JObject? filter = null, IReadOnlyList<string>? select = null, int pagesPerRequest = 50, CancellationToken cancellationToken = default) =>
        lists.ReadAllAsync("crm.item.list", Query(entityTypeId, filter, select, null), ListShape.Item, pagesPerRequest, cancellationToken);

    private static JObject Call(int entityTypeId, int? id, JObject? fields)
    {
        var call = new JObject { ["entityTypeId"] = entityTypeId, ["useOriginalUfNames"] = "Y" };
        if (id is not null)
        {
            call["id"] = id.Value;
        }

        if (fields is not null)
        {
            call["fields"] = fields;
        }

        return call;
    }

    private static JObject Query(int entityTypeId, JObject? filter, IReadOnlyList<string>? select, JObject? order)
    {
        var query = Call(entityTypeId, null, null);
        if (filter is not null)
        {
            query["filter"] = filter;
        }

        if (select is { Count: > 0 })
        {
            query["select"] = new JArray(select);
        }

        if (order is not null)
        {
            query["order"] = order;
        }

        return query;
    }

    private static JObject Item(Bitrix24Response response) => (JObject)response.Result["item"]!;
}
