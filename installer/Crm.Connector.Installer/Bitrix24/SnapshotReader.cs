using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Lists;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Installer.Bitrix24;

/// <summary>
/// Reads a portal into a <see cref="PortalSnapshot"/> with one <c>batch</c>: pipelines, every status (chained keyset
/// pages over <c>crm.status.list</c>), the user fields of all four entities, and — with app context — robots, event
/// handlers and <c>app.info</c> for the plan. Only a portal with more than 500 statuses or 100 fields per entity needs a
/// second request, to finish those lists.
/// </summary>
internal static class SnapshotReader
{
    private const int StatusPages = 10;
    private const int FieldPages = 2;

    private static readonly CrmEntity[] Entities = [CrmEntity.Lead, CrmEntity.Deal, CrmEntity.Contact, CrmEntity.Company];

    public static async Task<PortalSnapshot> ReadAsync(Bitrix24Client client, CancellationToken cancellationToken)
    {
        var app = client.Credentials.IsAppContext;
        var commands = new List<BatchCommand>
        {
            new("categories", "crm.category.list", new JObject { ["entityTypeId"] = 2 }),
        };
        commands.AddRange(Chain("status", "crm.status.list", null, StatusPages));
        foreach (var entity in Entities)
        {
            commands.AddRange(Chain($"uf_{Bitrix24Names.Entity(entity)}", $"crm.{Bitrix24Names.Entity(entity)}.userfield.list", null, FieldPages));
        }

        if (app)
        {
            commands.Add(new BatchCommand("robots", "bizproc.robot.list"));
            commands.Add(new BatchCommand("events", "event.get"));
            commands.Add(new BatchCommand("placements", "placement.get"));
            commands.Add(new BatchCommand("app", "app.info"));
        }

        var result = await client.BatchAsync(commands, cancellationToken: cancellationToken);

        // Pipelines, statuses and fields must be read; what only the app may read (robots, handlers, plan) may be
        // refused (e.g. robots on a free plan) and is then reported as unknown.
        // A chained page that did not run because the page before it was the last one (split across requests, its
        // reference has nothing to point at) is not a failure; the rows end at that short page.
        var required = result.Commands.Where(c => c.Key is not ("robots" or "events" or "placements" or "app")).ToList();
        if (required.Any(c => c.Status == BatchCommandStatus.Failed))
        {
            new BatchResult(required, result.Requests).EnsureSuccess();
        }

        var statuses = await Rows(client, result, "status", "crm.status.list", StatusPages, cancellationToken);
        var categories = result["categories"].Result?["categories"] as JArray ?? [];
        var flows = new List<ActualFlow>
        {
            new(Bitrix24Names.LeadFlowId, CrmEntity.Lead, "Leads", false, Stages(statuses, Bitrix24Names.LeadStatuses)),
        };
        foreach (var category in categories.OfType<JObject>())
        {
            var id = category.Value<string>("id") ?? "0";
            var isDefault = id == "0" || category.Value<string>("isDefault") is "Y" or "true" or "True";
            flows.Add(new ActualFlow(id, CrmEntity.Deal, category.Value<string>("name") ?? string.Empty, isDefault, Stages(statuses, Bitrix24Names.StageDirectory(id))));
        }

        var fields = new List<ActualField>();
        foreach (var entity in Entities)
        {
            var name = Bitrix24Names.Entity(entity);
            var rows = await Rows(client, result, $"uf_{name}", $"crm.{name}.userfield.list", FieldPages, cancellationToken);
            fields.AddRange(rows.Select(row => Field(entity, row)));
        }

        var sources = statuses.Where(s => s.Value<string>("ENTITY_ID") == Bitrix24Names.Sources)
            .Select(s => new ActualListItem(s.Value<string>("ID")!, s.Value<string>("STATUS_ID"), s.Value<string>("NAME") ?? string.Empty, Int(s["SORT"])) { InitialName = s.Value<string>("SYSTEM") == "Y" ? s.Value<string>("NAME_INIT") : null })
            .ToList();

        IReadOnlyList<string>? robots = null;
        IReadOnlyList<ActualEvent>? events = null;
        IReadOnlyList<ActualPlacement>? placements = null;
        string? plan = null;
        if (app)
        {
            robots = result["robots"].Succeeded ? (result["robots"].Result as JArray)?.Values<string>().OfType<string>().ToList() ?? [] : null;
            events = result["events"].Succeeded
                ? (result["events"].Result as JArray)?.OfType<JObject>()
                    .Select(e => new ActualEvent(e.Value<string>("event") ?? string.Empty, e.Value<string>("handler") ?? string.Empty, e.Value<int?>("offline") == 1))
                    .ToList() ?? []
                : null;
            placements = result["placements"].Succeeded ? Placements(result["placements"].Result) : null;
            var info = result["app"].Succeeded ? result["app"].Result : null;
            plan = Bitrix24Plans.FromLicense(info?.Value<string>("LICENSE"), info?.Value<string>("LICENSE_FAMILY"));
        }

        return new PortalSnapshot(plan, null, flows, fields, sources, robots, events) { Placements = placements };
    }

    /// <summary>Keyset pages chained by reference: each asks for ids above the previous page's last one.</summary>
    private static IEnumerable<BatchCommand> Chain(string prefix, string method, JObject? filter, int pages)
    {
        for (var i = 0; i < pages; i++)
        {
            var pageFilter = filter is null ? [] : (JObject)filter.DeepClone();
            pageFilter[">ID"] = i == 0 ? "0" : ListShape.Legacy.LastIdReference($"{prefix}{i - 1}");
            yield return new BatchCommand($"{prefix}{i}", method, new JObject { ["order"] = new JObject { ["ID"] = "ASC" }, ["filter"] = pageFilter, ["start"] = -1 });
        }
    }

    /// <summary>The rows of a chain of pages, continued with a scan when the last page was full.</summary>
    private static async Task<List<JObject>> Rows(Bitrix24Client client, BatchResult result, string prefix, string method, int pages, CancellationToken cancellationToken)
    {
        var rows = new List<JObject>();
        for (var i = 0; i < pages; i++)
        {
            var page = ListShape.Legacy.Rows(result[$"{prefix}{i}"].Result);
            if (rows.Count > 0 && page.Count > 0 && ListShape.Legacy.IdOf(page[0]) <= ListShape.Legacy.IdOf(rows[^1]))
            {
                break;
            }

            rows.AddRange(page);

            // Fewer rows than a page: the end. More: the method does not page at all (directories such as
            // crm.status.list answer everything at once).
            if (page.Count != ListShape.PageSize)
            {
                return rows;
            }
        }

        var after = ListShape.Legacy.IdOf(rows[^1]);
        await foreach (var row in client.ScanAsync(method, new JObject { ["filter"] = new JObject { [">ID"] = after } }, ListShape.Legacy, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static List<ActualStage> Stages(List<JObject> statuses, string directory) =>
        [.. statuses.Where(s => s.Value<string>("ENTITY_ID") == directory)
            .Select(s =>
            {
                var raw = s.Value<string>("STATUS_ID") ?? string.Empty;
                return new ActualStage(
                    s.Value<string>("ID")!,
                    Bitrix24Names.StageCode(raw),
                    raw,
                    s.Value<string>("NAME") ?? string.Empty,
                    s.Value<string>("COLOR"),
                    Bitrix24Names.Semantics(s.Value<string>("SEMANTICS")),
                    Int(s["SORT"]),
                    s.Value<string>("SYSTEM") == "Y")
                {
                    InitialName = s.Value<string>("NAME_INIT"),
                };
            })
            .OrderBy(s => s.Sort)];

    private static ActualField Field(CrmEntity entity, JObject row)
    {
        var name = row.Value<string>("FIELD_NAME") ?? string.Empty;
        var type = row.Value<string>("USER_TYPE_ID") ?? string.Empty;
        var multiple = row.Value<string>("MULTIPLE") == "Y";
        var items = (row["LIST"] as JArray)?.OfType<JObject>()
            .Select(i => new ActualListItem(i.Value<string>("ID")!, i.Value<string>("XML_ID") is { Length: > 0 } code ? code : null, i.Value<string>("VALUE") ?? string.Empty, Int(i["SORT"])))
            .ToList() ?? [];
        return new ActualField(
            row.Value<string>("ID")!,
            entity,
            Bitrix24Names.FieldCode(name),
            name,
            Bitrix24FieldTypes.FromBitrix(type, multiple, row["SETTINGS"]),
            type,
            multiple,
            row.Value<string>("MANDATORY") == "Y",
            Label(row["EDIT_FORM_LABEL"] ?? row["LIST_COLUMN_LABEL"]),
            items);
    }

    private static LocalizedText Label(JToken? label) => label switch
    {
        JObject map when map.Count > 0 => new LocalizedText(map.Properties().ToDictionary(p => p.Name, p => p.Value.Value<string>() ?? string.Empty, StringComparer.Ordinal)),
        JValue { Type: JTokenType.String } text => LocalizedText.Plain(text.Value<string>()!),
        _ => LocalizedText.Plain(string.Empty),
    };

    private static int Int(JToken? token) =>
        token is not null && int.TryParse(token.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : 0;

    /// <summary>placement.get's handlers with their texts per language (langAll; api-reference/widgets/placement-get.md).</summary>
    private static List<ActualPlacement> Placements(JToken? result) =>
        [.. (result as JArray ?? []).OfType<JObject>().Select(p =>
        {
            var languages = (p["langAll"] as JObject)?.Properties().Where(l => l.Value is JObject).ToList() ?? [];
            return new ActualPlacement(
                p.Value<string>("placement") ?? string.Empty,
                p.Value<string>("handler") ?? string.Empty,
                p.Value<string>("title") ?? string.Empty,
                languages.ToDictionary(l => l.Name, l => l.Value.Value<string>("TITLE") ?? string.Empty, StringComparer.Ordinal),
                languages.ToDictionary(l => l.Name, l => l.Value.Value<string>("DESCRIPTION") ?? string.Empty, StringComparer.Ordinal));
        })];
}
