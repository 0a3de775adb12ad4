using System.Globalization;
using Crm.Connector.AmoCrm.Errors;
using Newtonsoft.Json.Linq;
using RestSharp;

namespace Crm.Connector.AmoCrm.Transport;

/// <summary>
/// Collection writes (amocrm-api.md §6.1): arrays in chunks of <see cref="AmoCrmClientOptions.WriteChunkSize"/> (50), one
/// chunk after another; every created entity carries a <c>request_id</c> (the caller's, or its position in the caller's
/// list when it gave none), and the answer is matched by it — by id for updates — so results come back in input order.
/// Leads, contacts and companies over 40 custom field values (amoCRM's limit per entity, §4.4) are written with the
/// first 40 and get the rest in follow-up PATCHes of at most 40 each.
/// </summary>
internal static class AmoWrites
{
    public static async Task<IReadOnlyList<JObject>> WriteAsync(AmoCrmRequestor requestor, WriteSpec spec, IReadOnlyList<JObject> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var sent = items.Select(i => (JObject)i.DeepClone()).ToList();
        var match = spec.Match;
        if (spec.Method == Method.Post && !AssignRequestIds(sent))
        {
            // Two entities with one request_id: the answer cannot tell them apart; amoCRM answers in order.
            match = WriteMatch.Id;
        }

        var rest = spec.SplitValues ? SplitValues(requestor, spec, sent) : [];
        var results = new JObject[sent.Count];
        var size = Math.Clamp(requestor.Options.WriteChunkSize, 1, AmoLimits.PageSize);
        for (var offset = 0; offset < sent.Count; offset += size)
        {
            var chunk = sent.Skip(offset).Take(size).ToList();
            var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < chunk.Count; i++)
            {
                if (chunk[i].Value<string>("request_id") is { } id)
                {
                    indexes.TryAdd(id, offset + i);
                }
            }

            var answer = await requestor.SendAsync(
                new AmoRequest(spec.Method, spec.Path) { Body = new JArray(chunk), Noun = spec.Noun, Indexes = indexes, Offset = offset },
                cancellationToken);
            var matched = Match(spec, match, chunk, answer.Embedded(spec.Key), offset);
            matched.CopyTo(results, offset);
        }

        if (rest.Count > 0)
        {
            await FollowUpAsync(requestor, spec, rest, results, cancellationToken);
        }

        return results;
    }

    /// <summary>Gives every entity without one a request_id (its position); false when the ids are not unique.</summary>
    private static bool AssignRequestIds(List<JObject> items)
    {
        var taken = new HashSet<string>(items.Select(i => i.Value<string>("request_id")).OfType<string>(), StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]["request_id"] is null or { Type: JTokenType.Null })
            {
                var id = i.ToString(CultureInfo.InvariantCulture);
                while (!taken.Add(id))
                {
                    id = "#" + id;
                }

                items[i]["request_id"] = id;
            }
        }

        return items.Select(i => i.Value<string>("request_id")).Distinct(StringComparer.Ordinal).Count() == items.Count;
    }

    private static JObject[] Match(WriteSpec spec, WriteMatch match, List<JObject> chunk, JArray answered, int offset)
    {
        var results = answered.OfType<JObject>().ToList();
        var byKey = new Dictionary<string, JObject>(StringComparer.Ordinal);
        var keyName = match == WriteMatch.RequestId ? "request_id" : "id";
        foreach (var result in results)
        {
            if (result[keyName] is JValue { Value: not null } key)
            {
                byKey.TryAdd(key.ToString(CultureInfo.InvariantCulture), result);
            }
        }

        var matched = new JObject[chunk.Count];
        for (var i = 0; i < chunk.Count; i++)
        {
            var key = chunk[i][keyName] is JValue { Value: not null } k ? k.ToString(CultureInfo.InvariantCulture) : null;
            matched[i] = key is not null && byKey.TryGetValue(key, out var found) ? found
                : results.Count == chunk.Count ? results[i]
                : throw new AmoCrmServerException($"{spec.Method.ToString().ToUpperInvariant()} /{spec.Path}", null, "Incomplete answer", $"the answer has no {spec.Noun} for #{offset + i}", null);
        }

        return matched;
    }

    /// <summary>Cuts every entity's custom field values to the first 40; returns the rest per entity position, in PATCH-sized groups.</summary>
    private static Dictionary<int, List<JArray>> SplitValues(AmoCrmRequestor requestor, WriteSpec spec, List<JObject> items)
    {
        var rest = new Dictionary<int, List<JArray>>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]["custom_fields_values"] is not JArray { Count: > AmoLimits.ValuesPerEntity } values)
            {
                continue;
            }

            if (!requestor.Options.SplitCustomFieldValues)
            {
                throw new AmoCrmTooManyValuesException($"{spec.Method.ToString().ToUpperInvariant()} /{spec.Path}", i, values.Count);
            }

            items[i]["custom_fields_values"] = new JArray(values.Take(AmoLimits.ValuesPerEntity));
            rest[i] = [.. values.Skip(AmoLimits.ValuesPerEntity).Chunk(AmoLimits.ValuesPerEntity).Select(group => new JArray(group))];
            requestor.Transport.Counters.Split();
        }

        return rest;
    }

    /// <summary>Round r PATCHes every split entity's r-th group of the rest, 50 entities a request.</summary>
    private static async Task FollowUpAsync(AmoCrmRequestor requestor, WriteSpec spec, Dictionary<int, List<JArray>> rest, JObject[] results, CancellationToken cancellationToken)
    {
        var rounds = rest.Values.Max(groups => groups.Count);
        var size = Math.Clamp(requestor.Options.WriteChunkSize, 1, AmoLimits.PageSize);
        var requests = Enumerable.Range(0, rounds).Sum(r => (rest.Values.Count(groups => groups.Count > r) + size - 1) / size);
        var call = $"{spec.Method.ToString().ToUpperInvariant()} /{spec.Path}";
        TransportLog.SplitValues(requestor.Transport.Log, requestor.Account.Key, call, rest.Count, spec.Noun, requests);
        for (var round = 0; round < rounds; round++)
        {
            var patches = rest
                .Where(entry => entry.Value.Count > round)
                .OrderBy(entry => entry.Key)
                .Select(entry => new JObject { ["id"] = results[entry.Key]["id"], ["custom_fields_values"] = entry.Value[round] })
                .ToList();
            await WriteAsync(requestor, new WriteSpec(Method.Patch, spec.Path, spec.Key, spec.Noun), patches, cancellationToken);
        }
    }
}
