using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Bitrix24.Models;
using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary>Custom fields of one entity: <c>crm.{lead,deal,contact,company}.userfield.*</c> (bitrix24-rest.md §7).</summary>
public sealed class UserFieldService(Bitrix24Requestor requestor, ListReader lists, string entity)
{
    /// <summary>The method prefix, e.g. <c>crm.deal.userfield</c>.</summary>
    public string Prefix { get; } = $"crm.{entity}.userfield";

    /// <summary><c>.add</c>; returns the new field's id.</summary>
    public async Task<int> AddAsync(UserFieldAddRequest request, CancellationToken cancellationToken = default) =>
        (await requestor.CallAsync($"{Prefix}.add", new JObject { ["fields"] = Bitrix24Json.From(request) }, cancellationToken)).Result.Value<int>();

    /// <summary><c>.update</c>.</summary>
    public async Task UpdateAsync(int id, UserFieldUpdateRequest request, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync($"{Prefix}.update", new JObject { ["id"] = id, ["fields"] = Bitrix24Json.From(request) }, cancellationToken);

    /// <summary><c>.get</c>.</summary>
    public async Task<UserField> GetAsync(int id, CancellationToken cancellationToken = default) =>
        Bitrix24Json.To<UserField>((await requestor.CallAsync($"{Prefix}.get", new JObject { ["id"] = id }, cancellationToken)).Result);

    /// <summary><c>.list</c>: every custom field of the entity.</summary>
    public async Task<IReadOnlyList<UserField>> ListAsync(JObject? filter = null, CancellationToken cancellationToken = default)
    {
        var parameters = new JObject { ["order"] = new JObject { ["SORT"] = "ASC" } };
        if (filter is not null)
        {
            parameters["filter"] = filter;
        }

        var all = new List<UserField>();
        await foreach (var row in lists.PagesAsync($"{Prefix}.list", parameters, ListShape.Legacy, cancellationToken))
        {
            all.Add(Bitrix24Json.To<UserField>(row));
        }

        return all;
    }

    /// <summary><c>.delete</c> — the field's data goes with it.</summary>
    public async Task DeleteAsync(int id, CancellationToken cancellationToken = default) =>
        await requestor.CallAsync($"{Prefix}.delete", new JObject { ["id"] = id }, cancellationToken);
}
