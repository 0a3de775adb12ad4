using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Import.Rules;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Import.Bitrix24;

/// <summary>
/// Bitrix24 as the import's target, over the shared <see cref="Bitrix24Client"/> (its rate limiter keeps a 2 req/s
/// portal from ever answering QUERY_LIMIT_EXCEEDED; its retries cover transient failures). Every call is a <c>batch</c>
/// of up to 50 commands: <c>crm.item.batchImport</c> (20 leads each → 1,000 per request),
/// <c>crm.duplicate.findbycomm</c> (20 phones each → 1,000), <c>crm.item.list</c> by <c>@originId</c> (50 keys each →
/// 2,500), <c>crm.timeline.comment.add</c> and <c>crm.lead.update</c> (50 per request).
/// </summary>
/// <remarks>
/// Import through REST starts no robots or business processes (dev.1c-bitrix.ru/rest_help/crm/import/). createdTime is
/// set only by an administrator (<c>profile</c> ADMIN). UNCONFIRMED: what the portal does with createdTime from a
/// non-administrator is not documented — assumed ignored; the engine then does not send it at all.
/// List values go by the portal's item id, found through the item's XML_ID (the template code) in
/// <c>crm.lead.userfield.list</c>; fields the portal lacks (template not installed) are left out.
/// </remarks>
public sealed class Bitrix24ImportTarget(Bitrix24Client client) : IImportTarget
{
    private const int EntityTypeId = 1;
    private readonly Bitrix24Client _client = client ?? throw new ArgumentNullException(nameof(client));
    private Dictionary<string, UserFieldInfo> _userFields = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public ImportTargetLimits Limits { get; } = new();

    public async Task<ImportTargetInfo> DescribeAsync(ImportLayout layout, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(
        [
            new BatchCommand("sources", "crm.status.list", new JObject { ["filter"] = new JObject { ["ENTITY_ID"] = "SOURCE" }, ["order"] = new JObject { ["SORT"] = "ASC" } }),
            new BatchCommand("newest", "crm.item.list", new JObject { ["entityTypeId"] = EntityTypeId, ["order"] = new JObject { ["createdTime"] = "DESC" }, ["select"] = new JArray("id", "createdTime") }),
            new BatchCommand("profile", "profile"),
            new BatchCommand("fields", "crm.lead.userfield.list", new JObject()),
        ], cancellationToken);
        result.EnsureSuccess();
        var channels = (result["sources"].Result as JArray ?? []).OfType<JObject>()
            .OrderBy(s => s.Value<int?>("SORT") ?? 0)
            .Select(s => new ImportChannel(s.Value<string>("STATUS_ID") ?? string.Empty, s.Value<string>("NAME") ?? string.Empty))
            .ToList();
        var newest = (result["newest"].Result?["items"] as JArray ?? []).OfType<JObject>().Select(i => Instant(i["createdTime"])).FirstOrDefault(d => d is not null);
        var admin = result["profile"].Result?.Value<bool?>("ADMIN") ?? false;
        _userFields = (result["fields"].Result as JArray ?? []).OfType<JObject>()
            .Where(f => f.Value<string>("FIELD_NAME") is not null)
            .ToDictionary(f => f.Value<string>("FIELD_NAME")!, f => new UserFieldInfo(
                f.Value<string>("USER_TYPE_ID") ?? "string",
                (f["LIST"] as JArray ?? []).OfType<JObject>().Select(i => (Id: i.Value<string>("ID") ?? string.Empty, Code: i.Value<string>("XML_ID") ?? string.Empty, Name: i.Value<string>("VALUE") ?? string.Empty)).ToList()), StringComparer.Ordinal);
        return new ImportTargetInfo { Channels = channels, NewestCreatedAt = newest, CanSetCreatedTime = admin };
    }

    public async Task<IReadOnlyDictionary<string, long>> FindKeysAsync(IReadOnlyList<string> keys, CancellationToken cancellationToken = default)
    {
        var commands = keys.Chunk(50).Select((chunk, i) => new BatchCommand($"k{i}", "crm.item.list", new JObject
        {
            ["entityTypeId"] = EntityTypeId,
            ["filter"] = new JObject { ["originatorId"] = ImportKey.Originator, ["@originId"] = new JArray(chunk) },
            ["select"] = new JArray("id", "originId"),
        })).ToList();
        var result = (await RunAsync(commands, cancellationToken)).EnsureSuccess();
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var item in result.Commands.SelectMany(c => c.Result?["items"] as JArray ?? []).OfType<JObject>())
        {
            if (item.Value<string>("originId") is { } key)
            {
                found.TryAdd(key, item.Value<long>("id"));
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<ImportExisting>> FindByPhonesAsync(IReadOnlyList<string> phones, CancellationToken cancellationToken = default)
    {
        var commands = phones.Chunk(20).Select((chunk, i) => new BatchCommand($"p{i}", "crm.duplicate.findbycomm", new JObject
        {
            ["entity_type"] = "LEAD",
            ["type"] = "PHONE",
            ["values"] = new JArray(chunk),
        })).ToList();
        var found = (await RunAsync(commands, cancellationToken)).EnsureSuccess();

        // The answer is {"LEAD":[ids]} — or [] when none — without saying which phone matched: read those leads.
        var ids = found.Commands.SelectMany(c => c.Result is JObject o ? o["LEAD"] as JArray ?? [] : []).Select(t => t.Value<long>()).Distinct().Order().ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var select = new JArray("ID", "NAME", "LAST_NAME", "SECOND_NAME", "PHONE", "EMAIL", "SOURCE_ID", "ORIGIN_ID");
        foreach (var name in _userFields.Keys)
        {
            select.Add(name);
        }

        var reads = ids.Chunk(50).Select((chunk, i) => new BatchCommand($"l{i}", "crm.lead.list", new JObject { ["filter"] = new JObject { ["@ID"] = new JArray(chunk) }, ["select"] = select })).ToList();
        var leads = (await RunAsync(reads, cancellationToken)).EnsureSuccess();
        return [.. leads.Commands.SelectMany(c => c.Result as JArray ?? []).OfType<JObject>().Select(Existing)];
    }

    public async Task<IReadOnlyList<ImportWrite>> CreateAsync(IReadOnlyList<ImportItem> items, CancellationToken cancellationToken = default)
    {
        var chunks = items.Chunk(20).ToList();
        var commands = chunks.Select((chunk, i) => new BatchCommand($"i{i}", "crm.item.batchImport", new JObject
        {
            ["entityTypeId"] = EntityTypeId,
            ["data"] = new JArray(chunk.Select(ImportFields)),
        })).ToList();
        var result = await RunAsync(commands, cancellationToken);
        var writes = new List<ImportWrite>(items.Count);
        for (var i = 0; i < chunks.Count; i++)
        {
            var command = result[$"i{i}"];
            var answers = command.Result?["items"] as JArray;
            for (var j = 0; j < chunks[i].Length; j++)
            {
                if (!command.Succeeded)
                {
                    writes.Add(new ImportWrite(null, $"{command.ErrorCode} {command.ErrorDescription}".Trim()));
                    continue;
                }

                var answer = answers is not null && j < answers.Count ? answers[j] as JObject : null;
                writes.Add(answer?["item"]?["id"] is { } id
                    ? new ImportWrite(id.Value<long>(), null)
                    : new ImportWrite(null, $"{answer?.Value<string>("error")} {answer?.Value<string>("error_description")}".Trim() is { Length: > 0 } e ? e : "нет ответа"));
            }
        }

        return writes;
    }

    public async Task<IReadOnlyList<ImportWrite>> FillEmptyAsync(IReadOnlyList<ImportMerge> merges, CancellationToken cancellationToken = default)
    {
        var commands = merges.Select((m, i) => new BatchCommand($"u{i}", "crm.lead.update", new JObject { ["id"] = m.ItemId, ["fields"] = LegacyFields(m.Values) })).ToList();
        var result = await RunAsync(commands, cancellationToken);
        return [.. merges.Select((m, i) => result[$"u{i}"] is { Succeeded: true } ? new ImportWrite(m.ItemId, null) : new ImportWrite(m.ItemId, $"{result[$"u{i}"].ErrorCode} {result[$"u{i}"].ErrorDescription}".Trim()))];
    }

    public async Task<IReadOnlyList<ImportWrite>> AddCommentsAsync(IReadOnlyList<ImportComment> comments, CancellationToken cancellationToken = default)
    {
        var commands = comments.Select((c, i) => new BatchCommand($"c{i}", "crm.timeline.comment.add", new JObject
        {
            ["fields"] = new JObject { ["ENTITY_ID"] = c.ItemId, ["ENTITY_TYPE"] = "lead", ["COMMENT"] = c.Text },
        })).ToList();
        var result = await RunAsync(commands, cancellationToken);
        return [.. comments.Select((c, i) => result[$"c{i}"] is { Succeeded: true } r ? new ImportWrite(r.Result?.Value<long?>() ?? c.ItemId, null) : new ImportWrite(null, $"{result[$"c{i}"].ErrorCode} {result[$"c{i}"].ErrorDescription}".Trim()))];
    }

    /// <summary><c>UF_CRM_FIRST_NAME</c> → <c>ufCrmFirstName</c>, as crm.item.* names user fields (an underscore before a digit stays).</summary>
    internal static string CamelUf(string fieldName)
    {
        var lower = fieldName.ToLowerInvariant();
        var text = new System.Text.StringBuilder(lower.Length);
        for (var i = 0; i < lower.Length; i++)
        {
            if (lower[i] == '_' && i + 1 < lower.Length && char.IsAsciiLetterLower(lower[i + 1]))
            {
                text.Append(char.ToUpperInvariant(lower[++i]));
            }
            else
            {
                text.Append(lower[i]);
            }
        }

        return text.ToString();
    }

    private async Task<BatchResult> RunAsync(List<BatchCommand> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return new BatchResult([], 0);
        }

        var result = await _client.BatchAsync(commands, halt: false, BatchOrder.Independent, cancellationToken);
        Requests += result.Requests;
        return result;
    }

    private JObject ImportFields(ImportItem item)
    {
        var fields = new JObject
        {
            ["title"] = item.Title,
            ["originatorId"] = ImportKey.Originator,
            ["originId"] = item.Key,
        };
        Put(fields, "lastName", item.LastName);
        Put(fields, "name", item.FirstName);
        Put(fields, "secondName", item.MiddleName);
        Put(fields, "sourceId", item.ChannelId);
        if (item.CreatedAt is { } created)
        {
            fields["createdTime"] = created.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        var fm = new JArray();
        if (item.Phone is not null)
        {
            fm.Add(new JObject { ["typeId"] = "PHONE", ["valueType"] = "WORK", ["value"] = item.Phone });
        }

        if (item.Email is not null)
        {
            fm.Add(new JObject { ["typeId"] = "EMAIL", ["valueType"] = "WORK", ["value"] = item.Email });
        }

        if (fm.Count > 0)
        {
            fields["fm"] = fm;
        }

        foreach (var (code, value) in item.Fields)
        {
            var name = "UF_CRM_" + code;
            if (_userFields.TryGetValue(name, out var uf) && Value(uf, value) is { } token)
            {
                fields[CamelUf(name)] = token;
            }
        }

        return fields;
    }

    private JObject LegacyFields(ImportItem item)
    {
        var fields = new JObject();
        Put(fields, "LAST_NAME", item.LastName);
        Put(fields, "NAME", item.FirstName);
        Put(fields, "SECOND_NAME", item.MiddleName);
        Put(fields, "SOURCE_ID", item.ChannelId);
        if (item.Email is not null)
        {
            fields["EMAIL"] = new JArray(new JObject { ["VALUE"] = item.Email, ["VALUE_TYPE"] = "WORK" });
        }

        if (item.Key.Length > 0)
        {
            fields["ORIGINATOR_ID"] = ImportKey.Originator;
            fields["ORIGIN_ID"] = item.Key;
        }

        foreach (var (code, value) in item.Fields)
        {
            var name = "UF_CRM_" + code;
            if (_userFields.TryGetValue(name, out var uf) && Value(uf, value) is { } token)
            {
                fields[name] = token;
            }
        }

        return fields;
    }

    private static JToken? Value(UserFieldInfo field, ImportValue value) => value.Type switch
    {
        FieldType.List or FieldType.MultiList => field.Items.FirstOrDefault(i => string.Equals(i.Code, value.ItemCode, StringComparison.Ordinal)).Id is { Length: > 0 } id ? id : null,
        FieldType.Boolean => value.Flag == true ? "Y" : "N",
        FieldType.Integer or FieldType.Number or FieldType.Money => value.Number?.ToString(CultureInfo.InvariantCulture),
        FieldType.Date or FieldType.Birthday => value.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        FieldType.DateTime => value.Instant?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        _ => value.Text,
    };

    private ImportExisting Existing(JObject lead)
    {
        var filled = new HashSet<string>(StringComparer.Ordinal);
        void Mark(string name, JToken? token)
        {
            if (token is JArray array ? array.Count > 0 : !string.IsNullOrWhiteSpace(token?.ToString()) && token?.ToString() != "0" && token?.Type != JTokenType.Boolean)
            {
                filled.Add(name);
            }
        }

        Mark(ImportFieldNames.LastName, lead["LAST_NAME"]);
        Mark(ImportFieldNames.FirstName, lead["NAME"]);
        Mark(ImportFieldNames.MiddleName, lead["SECOND_NAME"]);
        Mark(ImportFieldNames.Email, lead["EMAIL"]);
        Mark(ImportFieldNames.Channel, lead["SOURCE_ID"]);
        Mark(ImportFieldNames.Origin, lead["ORIGIN_ID"]);
        foreach (var name in _userFields.Keys)
        {
            if (lead[name] is { } token && (token.Type == JTokenType.Boolean || token is JValue { Value: "Y" or "N" } || token is JArray { Count: > 0 } || !string.IsNullOrWhiteSpace(token.ToString()) && token.Type != JTokenType.Null))
            {
                filled.Add(name["UF_CRM_".Length..]);
            }
        }

        var phones = (lead["PHONE"] as JArray ?? []).OfType<JObject>().Select(p => PhoneNumber.Normalize(p.Value<string>("VALUE"))).OfType<string>().Distinct().ToList();
        return new ImportExisting { Id = lead.Value<long>("ID"), Phones = phones, Filled = filled };
    }

    private static void Put(JObject fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields[name] = value;
        }
    }

    private static DateTimeOffset? Instant(JToken? token) =>
        token is JValue { Value: DateTimeOffset dto } ? dto :
        token is JValue { Value: DateTime dt } ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)) :
        DateTimeOffset.TryParse(token?.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    private sealed record UserFieldInfo(string Type, IReadOnlyList<(string Id, string Code, string Name)> Items);
}
