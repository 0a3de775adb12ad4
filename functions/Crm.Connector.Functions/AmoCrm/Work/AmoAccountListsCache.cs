using System.Collections.Concurrent;
using Crm.Connector.AmoCrm;
using Crm.Connector.AmoCrm.Models;

namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>
/// Each account's <see cref="AmoAccountLists"/>, read once (three paged <c>GET /api/v4/{entity}/custom_fields</c>) and
/// kept for a few minutes: list items change rarely, and reading them on every run would spend a request budget of 7 a
/// second on nothing. Provisioning forgets them (<see cref="Forget"/>), as it may add items.
/// </summary>
public sealed class AmoAccountListsCache(TimeProvider time)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(5);
    private static readonly AmoEntityType[] Entities = [AmoEntityType.Leads, AmoEntityType.Contacts, AmoEntityType.Companies];
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, AmoAccountLists Lists)> _cache = new(StringComparer.Ordinal);

    /// <summary>The lists of the account behind <paramref name="client"/>, cached under <paramref name="memberId"/>.</summary>
    public async Task<AmoAccountLists> GetAsync(string memberId, AmoCrmClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_cache.TryGetValue(memberId, out var cached) && cached.Until > time.GetUtcNow())
        {
            return cached.Lists;
        }

        var fields = new List<(AmoEntityType, AmoCustomField)>();
        foreach (var entity in Entities)
        {
            fields.AddRange((await client.CustomFields.ListAsync(entity, cancellationToken)).Select(f => (entity, f)));
        }

        var lists = new AmoAccountLists(fields);
        _cache[memberId] = (time.GetUtcNow() + KeepFor, lists);
        return lists;
    }

    public void Forget(string memberId) => _cache.TryRemove(memberId, out _);
}
