using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary>
/// One CRM entity through its own methods, <c>crm.{lead,deal,contact,company}.*</c> (bitrix24-rest.md §8; marked
/// deprecated in favour of <c>crm.item.*</c> but complete). Items are JSON objects: custom fields are an open set.
/// </summary>
public sealed class EntityService(Bitrix24Requestor requestor, ListReader lists, string entity)
{
    /// <summary>The method prefix, e.g. <c>crm.deal</c>.</summary>
    public string Prefix { get; } = $"crm.{entity}";

    /// <summary>Custom fields of this entity.</summary>
    public UserFieldService UserFields { get; } = new(requestor, lists, entity);

    /// <summary><c>.add</c>; returns the new id. Not idempotent: a lost answer is reported, never sent again.</summary>
    public async Task<int> AddAsync(JObject fields, CancellationToken cancellationToken = default) =>
        (await requestor.CallAsync($"{Prefix}.add", new JObject { ["fields"] = fields }, cancellationToken)).Result.Value<int>();

    /// <summary><c>.update</c>: only the fields given change.</summary>
    public async Task UpdateAsync(int id, JObject fields, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync($"{Prefix}.update", new JObject { ["id"] = id, ["fields"] = fields }, cancellationToken);

    /// <summary><c>.get</c>.</summary>
    public async Task<JObject> GetAsync(int id, CancellationToken cancellationToken = default) =>
        (JObject)(await requestor.CallAsync($"{Prefix}.get", new JObject { ["id"] = id }, cancellationToken)).Result;

    /// <summary><c>.delete</c>.</summary>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync($"{Prefix}.delete", new JObject { ["id"] = id }, cancellationToken);

    /// <summary><c>.fields</c>: the entity's fields and their types.</summary>
    public async Task<JObject> FieldsAsync(CancellationToken cancellationToken = default) =>
        (JObject)(await requestor.CallAsync($"{Prefix}.fields", null, cancellationToken)).Result;

    /// <summary><c>.list</c> page by page (<paramref name="order"/> as given).</summary>
    public IAsyncEnumerable<JObject> ListAsync(JObject? filter = null, IReadOnlyList<string>? select = null, JObject? order = null, CancellationToken cancellationToken = default) =>
        lists.PagesAsync($"{Prefix}.list", Query(filter, select, order), ListShape.Legacy, cancellationToken);

    /// <summary>Every matching item by the fast id-keyset scan, 2,500 per request.</summary>
    public IAsyncEnumerable<JObject> ScanAsync(JObject? filter = null, IReadOnlyList<string>? select = null, int pagesPerRequest = 50, CancellationToken cancellationToken = default) =>
        lists.ScanAsync($"{Prefix}.list", Query(filter, select, null), ListShape.Legacy, pagesPerRequest, cancellationToken);

    /// <summary>
    /// Every matching item, sooner than <see cref="ScanAsync"/>: id ranges of 2,500 read at once (<see cref="ListReader.ReadAllAsync"/>),
    /// in id order. Reads ahead of the reader.
    /// </summary>
    public IAsyncEnumerable<JObject> ReadAllAsync(JObject? filter = null, IReadOnlyList<string>? select = null, int pagesPerRequest = 50, CancellationToken cancellationToken = default) =>
        lists.ReadAllAsync($"{Prefix}.list", Query(filter, select, null), ListShape.Legacy, pagesPerRequest, cancellationToken);

    private static JObject Query(JObject? filter, IReadOnlyList<string>? select, JObject? order)
    {
        var query = new JObject();
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
}
