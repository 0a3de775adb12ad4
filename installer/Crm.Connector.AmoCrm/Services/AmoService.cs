using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.AmoCrm.Services;

/// <summary>What every service does the same way: read a list, write a collection, send one call.</summary>
public abstract class AmoService
{
    private protected AmoService(AmoCrmRequestor requestor) => Requestor = requestor;

    private protected AmoCrmRequestor Requestor { get; }

    private protected Task<IReadOnlyList<T>> ListAsync<T>(string path, string key, CancellationToken cancellationToken, IEnumerable<KeyValuePair<string, string>>? query = null, int limit = AmoLimits.PageSize) =>
        AmoLists.ReadAllAsync<T>(Requestor, path, key, limit, query, cancellationToken);

    private protected async Task<IReadOnlyList<T>> WriteAsync<T>(WriteSpec spec, IEnumerable<object> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var json = items.Select(i => (JObject)AmoJson.From(i)).ToList();
        var written = await AmoWrites.WriteAsync(Requestor, spec, json, cancellationToken);
        return [.. written.Select(AmoJson.To<T>)];
    }

    private protected async Task<T> SendAsync<T>(Method method, string path, object? body, CancellationToken cancellationToken, string noun = "entity")
    {
        var answer = await Requestor.SendAsync(new AmoRequest(method, path) { Body = body is null ? null : AmoJson.From(body), Noun = noun }, cancellationToken);
        return AmoJson.To<T>(answer.Body);
    }

    private protected async Task<T?> GetOrDefaultAsync<T>(string path, IEnumerable<KeyValuePair<string, string>>? query, CancellationToken cancellationToken)
        where T : class
    {
        var answer = await Requestor.SendAsync(new AmoRequest(Method.Get, path) { Query = [.. query ?? []] }, cancellationToken);
        return answer.Body is null ? null : AmoJson.To<T>(answer.Body);
    }

    private protected Task DeleteAsync(string path, CancellationToken cancellationToken, object? body = null) =>
        Requestor.SendAsync(new AmoRequest(Method.Delete, path) { Body = body is null ? null : AmoJson.From(body) }, cancellationToken);
}
