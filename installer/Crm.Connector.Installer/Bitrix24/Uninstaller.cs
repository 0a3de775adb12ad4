using System.Globalization;
using Crm.Connector.Bitrix24;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Apply;
using Crm.Connector.Installer.Ledger;
using Newtonsoft.Json.Linq;
using Crm.Connector.Installer.Desired;

namespace Crm.Connector.Installer.Bitrix24;

/// <summary>
/// Removes what the ledger says the app created — never what it adopted or found — and never what holds data: fields
/// with values and sources in use are checked first; pipelines with deals and stages with items are refused by the
/// portal itself and reported as kept. Three requests: read, check, remove.
/// </summary>
internal sealed class Uninstaller(Bitrix24Client client, LedgerSession ledger, IProgress<ApplyProgress>? progress)
{
    private readonly List<string> _removed = [];
    private readonly List<string> _kept = [];
    private readonly List<StepFailure> _failures = [];

    public async Task<UninstallResult> RunAsync(CancellationToken cancellationToken)
    {
        var before = client.Statistics.Requests;
        var created = ledger.Ledger.Entries
            .Select(e => (Key: ResourceKey.Parse(e.Key), Entry: e.Value))
            .Where(e => e.Entry.Origin == LedgerOrigin.Created)
            .ToList();
        if (created.Count == 0)
        {
            return new UninstallResult { Kept = [.. NotOurs()] };
        }

        var snapshot = await SnapshotReader.ReadAsync(client, cancellationToken);
        var createdPipelines = created.Where(c => c.Key.Kind == ResourceKind.Pipeline).Select(c => c.Key.Path).ToHashSet(StringComparer.Ordinal);
        var holdsData = await CheckDataAsync(created, snapshot, cancellationToken);

        var commands = new List<(BatchCommand Command, ResourceKey Key, string Title)>();
        void Add(string method, JObject parameters, ResourceKey key, string title) =>
            commands.Add((new BatchCommand($"r{commands.Count}", method, parameters), key, title));

        foreach (var (key, entry) in created.OrderBy(c => Order(c.Key.Kind)))
        {
            var title = $"{key.Kind.ToString().ToLowerInvariant()} {key.Path}";
            if (holdsData.TryGetValue(key.ToString(), out var why))
            {
                _kept.Add($"{title}: {why}");
                continue;
            }

            AddRemoval(key, entry, title, snapshot, created, createdPipelines, Add);
        }

        await SendAsync(commands, createdPipelines, cancellationToken);
        _kept.AddRange(NotOurs());
        await ledger.SaveAsync(cancellationToken);
        return new UninstallResult { Removed = _removed, Kept = _kept, Failures = _failures, Requests = client.Statistics.Requests - before };
    }

    /// <summary>The command that removes one created object, when it has one (stages of a removed pipeline go with it).</summary>
    private void AddRemoval(ResourceKey key, LedgerEntry entry, string title, PortalSnapshot snapshot, List<(ResourceKey Key, LedgerEntry Entry)> created, HashSet<string> createdPipelines, Action<string, JObject, ResourceKey, string> add)
    {
        switch (key.Kind)
        {
            case ResourceKind.Robot:
                add("bizproc.robot.delete", new JObject { ["CODE"] = entry.PortalId }, key, title);
                break;
            case ResourceKind.EventBinding:
                add("event.unbind", EventBindingId.UnbindParameters(entry.PortalId), key, title);
                break;
            case ResourceKind.Placement:
                add("placement.unbind", Applier.UnbindParameters(entry.PortalId), key, title);
                break;
            case ResourceKind.Stage when createdPipelines.Contains(key.Path[..key.Path.LastIndexOf('/')]):
                // Goes with its pipeline.
                break;
            case ResourceKind.Stage or ResourceKind.Source when entry.PortalId.Length > 0:
                add("crm.status.delete", new JObject { ["id"] = Int(entry.PortalId), ["params"] = new JObject { ["FORCED"] = "Y" } }, key, title);
                break;
            case ResourceKind.Pipeline when entry.PortalId.Length > 0:
                add("crm.category.delete", new JObject { ["entityTypeId"] = 2, ["id"] = Int(entry.PortalId) }, key, title);
                break;
            case ResourceKind.Field when entry.PortalId.Length > 0:
                var entity = key.Path[..key.Path.IndexOf('/')];
                add($"crm.{entity}.userfield.delete", new JObject { ["id"] = Int(entry.PortalId) }, key, title);
                break;
            case ResourceKind.ListItem:
                AddItemRemoval(key, entry, snapshot, created, add);
                break;
        }
    }

    /// <summary>Sends the removals in batches; what the portal refuses (it holds data) is kept and said.</summary>
    private async Task SendAsync(List<(BatchCommand Command, ResourceKey Key, string Title)> commands, HashSet<string> createdPipelines, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var result = await client.BatchAsync([.. commands.Select(c => c.Command)], cancellationToken: cancellationToken);
        var done = 0;
        foreach (var (command, key, title) in commands)
        {
            var outcome = result[command.Key];
            if (outcome.Succeeded)
            {
                _removed.Add(title);
                Forget(key, createdPipelines);
            }
            else
            {
                // The portal refuses to delete what holds data (a pipeline with deals, a stage with items).
                _kept.Add($"{title}: {outcome.ErrorDescription ?? outcome.ErrorCode}");
            }

            progress?.Report(new ApplyProgress(++done, commands.Count, title));
        }
    }

    private IEnumerable<string> NotOurs() => ledger.Ledger.Entries
        .Where(e => e.Value.Origin == LedgerOrigin.Adopted)
        .Select(e => $"{e.Key}: adopted, not created by the app — left as it is");

    /// <summary>One batch asking, for every field, list item and source the app created, whether any item uses it.</summary>
    private async Task<Dictionary<string, string>> CheckDataAsync(List<(ResourceKey Key, LedgerEntry Entry)> created, PortalSnapshot snapshot, CancellationToken cancellationToken)
    {
        var checks = new List<(BatchCommand Command, string Key, string What)>();
        foreach (var (key, entry) in created)
        {
            switch (key.Kind)
            {
                case ResourceKind.Field:
                    var entity = key.Path[..key.Path.IndexOf('/')];
                    var code = key.Path[(key.Path.IndexOf('/') + 1)..];
                    var fieldName = Bitrix24Names.UserFieldPrefix + code;

                    // A yes/no field always has a value; what counts as data is a "yes" (filters take 1/0, §8).
                    var boolean = snapshot.Fields.Any(f => Bitrix24Names.Entity(f.Entity) == entity && f.Code == code && f.Type == Templates.Model.FieldType.Boolean);
                    var filter = boolean ? new JObject { [fieldName] = 1 } : new JObject { [$"!{fieldName}"] = string.Empty };
                    checks.Add((Count($"crm.{entity}.list", filter, checks.Count), key.ToString(), $"{entity}s hold values in it"));
                    break;
                case ResourceKind.Source:
                    checks.Add((Count("crm.lead.list", new JObject { ["SOURCE_ID"] = entry.Code ?? key.Path }, checks.Count), key.ToString(), "leads use it"));
                    break;
                case ResourceKind.ListItem when ItemId(key, entry, snapshot) is { } itemId:
                    var segments = key.Path.Split('/');
                    checks.Add((Count($"crm.{segments[0]}.list", new JObject { [Bitrix24Names.UserFieldPrefix + segments[1]] = itemId }, checks.Count), key.ToString(), $"{segments[0]}s have it chosen"));
                    break;
            }
        }

        var holds = new Dictionary<string, string>(StringComparer.Ordinal);
        if (checks.Count == 0)
        {
            return holds;
        }

        var result = await client.BatchAsync([.. checks.Select(c => c.Command)], cancellationToken: cancellationToken);
        foreach (var (command, key, what) in checks)
        {
            var outcome = result[command.Key];
            var total = outcome.Total ?? (outcome.Result as JArray)?.Count ?? 0;
            if (!outcome.Succeeded)
            {
                holds[key] = $"could not check whether data uses it ({outcome.ErrorCode}); kept to be safe";
            }
            else if (total > 0)
            {
                holds[key] = $"{total} {what}";
            }
        }

        return holds;

        static BatchCommand Count(string method, JObject filter, int index) =>
            new($"k{index}", method, new JObject { ["filter"] = filter, ["select"] = new JArray("ID"), ["start"] = 0 });
    }

    private void AddItemRemoval(ResourceKey key, LedgerEntry entry, PortalSnapshot snapshot, List<(ResourceKey Key, LedgerEntry Entry)> created, Action<string, JObject, ResourceKey, string> add)
    {
        var segments = key.Path.Split('/');
        var fieldKey = ResourceKey.Field(segments[0], segments[1]);

        // Items of a field the app created go with the field.
        if (created.Any(c => c.Key == fieldKey))
        {
            ledger.Forget(key);
            return;
        }

        var field = snapshot.Fields.FirstOrDefault(f => Bitrix24Names.Entity(f.Entity) == segments[0] && f.Code == segments[1]);
        var itemId = ItemId(key, entry, snapshot);
        if (field is null || itemId is null)
        {
            ledger.Forget(key);
            return;
        }

        add($"crm.{segments[0]}.userfield.update", new JObject
        {
            ["id"] = Int(field.Id),
            ["fields"] = new JObject { ["LIST"] = new JArray(new JObject { ["ID"] = Int(itemId), ["DEL"] = "Y" }) },
        }, key, $"item {segments[2]} of field {segments[1]}");
    }

    private static string? ItemId(ResourceKey key, LedgerEntry entry, PortalSnapshot snapshot)
    {
        var segments = key.Path.Split('/');
        var field = snapshot.Fields.FirstOrDefault(f => Bitrix24Names.Entity(f.Entity) == segments[0] && f.Code == segments[1]);
        return field?.Items.FirstOrDefault(i => (entry.PortalId.Length > 0 && i.Id == entry.PortalId) || i.Code == (entry.Code ?? segments[2]))?.Id;
    }

    private void Forget(ResourceKey key, HashSet<string> createdPipelines)
    {
        ledger.Forget(key);
        if (key.Kind == ResourceKind.Pipeline && createdPipelines.Contains(key.Path))
        {
            foreach (var stage in ledger.Ledger.Of(ResourceKind.Stage).Where(s => s.Key.Path.StartsWith(key.Path + "/", StringComparison.Ordinal)).ToList())
            {
                ledger.Forget(stage.Key);
            }
        }
    }

    /// <summary>Wiring first, then stages and items, then what contains them.</summary>
    private static int Order(ResourceKind kind) => kind switch
    {
        ResourceKind.Robot or ResourceKind.EventBinding or ResourceKind.Placement => 0,
        ResourceKind.Stage or ResourceKind.ListItem or ResourceKind.Source => 1,
        ResourceKind.Field => 2,
        _ => 3,
    };

    private static int Int(string id) => int.Parse(id, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
