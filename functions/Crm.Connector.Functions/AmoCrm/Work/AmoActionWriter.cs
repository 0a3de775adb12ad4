using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Functions.AmoCrm.Work.Effects;
using Crm.Connector.Functions.Work;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.AmoCrm.Work;

/// <summary>
/// amoCRM's hand for the <see cref="ActionPlanner"/>: tasks and call-backs (<c>POST /api/v4/tasks</c>, type 1 «Связаться»
/// for call-backs), notes (<c>POST /api/v4/leads/notes</c>), field values, responsible users and stage moves (one
/// <c>PATCH /api/v4/leads</c> each), copies of a deal with its notes and a note linking both. amoCRM has no API that
/// notifies a user or sends an e-mail for an integration: a notice becomes a note in the lead's feed, and an e-mail
/// becomes a task for the lead's responsible with the letter's text plus a note recording it — never dropped silently
/// (the README says what an admin connects to have them sent automatically).
/// </summary>
internal sealed class AmoActionWriter(
    Installation installation,
    AmoItemMapper mapper,
    IReadOnlyDictionary<ItemRef, JObject> raws) : IActionWriter
{
    /// <summary>amoCRM's standard task type «Связаться» (Call / Follow-up).</summary>
    private const int CallTask = 1;

    private readonly List<AmoCommand> _commands = [];
    private readonly Dictionary<ItemRef, JObject> _patches = [];

    public int Count => _commands.Count;

    public IReadOnlyDictionary<ItemRef, JObject> SnapshotPatches => _patches;

    /// <summary>The notes of each deal a <c>copyDeal</c> copies with its history, oldest first.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<(DateTimeOffset At, string Text)>> History { get; init; } = new Dictionary<long, IReadOnlyList<(DateTimeOffset, string)>>();

    /// <summary>The claim's reserved round-robin turns, by position.</summary>
    public RoundRobinTurns Turns { get; init; } = RoundRobinTurns.Empty;

    public Effect Effect(AuditEntry entry, int first, int last, DateTimeOffset now) => AmoEffects.Create(entry, _commands[first..last], now);

    public string? User(ItemState item, Recipient recipient)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(recipient);
        var responsible = FieldValues.Text(item[BuiltInFields.Responsible]);
        return recipient.Kind switch
        {
            RecipientKind.Responsible => responsible,
            RecipientKind.Supervisor => Setting("curator") ?? Setting("supervisor") ?? responsible,
            RecipientKind.Position => installation.Settings["positions"]?[recipient.Key!] is JValue { Value: { } user } ? Convert.ToString(user, CultureInfo.InvariantCulture) : null,
            RecipientKind.Field => FieldValues.Text(item[recipient.Key!]),
            _ => null,
        };
    }

    public string? NextAssignee(string among) => Turns.Next(among);

    public void Notify(ItemState item, string user, string message) =>
        Add(AmoCommand.AddNote(Key(), Path(item), item.Id, message));

    public void Task(ItemState item, string user, string title, string description, DateTimeOffset deadline) =>
        Add(AmoCommand.AddTask(Key(), TaskBody(item, user, description.Length > 0 ? $"{title}\n{description}" : title, deadline, null)));

    public void Callback(ItemState item, string? user, string title, string description, DateTimeOffset deadline) =>
        Add(AmoCommand.AddTask(Key(), TaskBody(item, user ?? FieldValues.Text(item[BuiltInFields.Responsible]), description.Length > 0 ? $"{title}\n{description}" : title, deadline, CallTask)));

    public void Comment(ItemState item, string text) => Add(AmoCommand.AddNote(Key(), Path(item), item.Id, text));

    public JObject Update(ItemState item, IReadOnlyDictionary<string, object?> values)
    {
        var update = mapper.ToUpdate(item.Entity, values, item.Pipeline);
        if (update.Count > 0)
        {
            Add(Patch(item, update));
            Merge(item, update);
        }

        return update;
    }

    public void Assign(ItemState item, string user) =>
        Add(Patch(item, new JObject { ["responsible_user_id"] = long.Parse(user, CultureInfo.InvariantCulture) }));

    public bool Move(ItemState item, string? pipeline, string stage)
    {
        if (Stage(item, pipeline, stage) is not { } move)
        {
            return false;
        }

        // Not taken into the snapshot: the echo is an entry into the new stage, whose automations then run.
        Add(Patch(item, move));
        return true;
    }

    public bool SendBack(ItemState item, string? pipeline, string stage)
    {
        if (Stage(item, pipeline, stage) is not { } move)
        {
            return false;
        }

        // The return is not a new entry into the previous stage: the snapshot takes it.
        Add(Patch(item, move));
        Merge(item, move);
        return true;
    }

    public JObject? CopyDeal(ItemState item, CopyDealAction copy, JObject raw)
    {
        ArgumentNullException.ThrowIfNull(copy);
        if (mapper.PipelineId(copy.Pipeline) is not { } pipelineId || mapper.StageId(copy.Pipeline, copy.Stage) is not { } stageId)
        {
            return null;
        }

        var (_, statusId) = Installer.AmoCrm.AmoCrmNames.ParseStageId(stageId);
        var lead = Add(AmoCommand.AddLead(Key(), AmoItemMapper.CopyOf(raw, pipelineId, statusId, copy.CopyFields)));
        var detail = new JObject { ["to"] = $"{copy.Pipeline}/{copy.Stage}" };
        var title = FieldValues.Text(item[BuiltInFields.Title]);
        if (copy.CopyHistory)
        {
            // The history the API can write: the notes, oldest first, each with its date (events cannot be created).
            var notes = History.GetValueOrDefault(item.Id) ?? [];
            foreach (var (at, text) in notes)
            {
                Add(AmoCommand.AddNote(Key(), "leads", AmoCommand.Result(lead), $"{at.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)}: {text}"));
            }

            detail["history"] = notes.Count;
        }

        var id = item.Id.ToString(CultureInfo.InvariantCulture);
        Add(AmoCommand.AddNote(Key(), "leads", AmoCommand.Result(lead), $"Копия сделки #{id} «{title}»."));
        Add(AmoCommand.AddNote(Key(), "leads", item.Id, $"Создана копия сделки: #{AmoCommand.Result(lead)} в «{copy.Pipeline}»."));
        return detail;
    }

    public void Email(ItemState item, JObject raw, string address, string subject, string body)
    {
        var responsible = FieldValues.Text(item[BuiltInFields.Responsible]);
        var from = Setting("emailSender") is { } sender ? $" с адреса {sender}" : string.Empty;
        Add(AmoCommand.AddTask(Key(), TaskBody(item, responsible, $"Отправьте письмо клиенту на {address}{from}: «{subject}»\n\n{body}", NowAt, null)));
        Add(AmoCommand.AddNote(Key(), Path(item), item.Id, $"Письмо клиенту ({address}) «{subject}» передано ответственному задачей: у интеграции нет API отправки почты.\n\n{body}"));
    }

    public string Route(ItemState lead, LeadRoute route, JObject raw) => "not run: amoCRM has no leads to route (requests are deals already)";

    public string IssueInvoice(ItemState item, PlannedInvoice invoice, JObject raw) => "not run: invoices are not issued on amoCRM by this app";

    /// <summary>The <c>status_id</c> and <c>pipeline_id</c> of a template stage, or null when it is not installed.</summary>
    private JObject? Stage(ItemState item, string? pipeline, string stage)
    {
        var flow = pipeline ?? item.Pipeline;
        if (flow is null || mapper.StageId(flow, stage) is not { } id)
        {
            return null;
        }

        var (pipelineId, statusId) = Installer.AmoCrm.AmoCrmNames.ParseStageId(id);
        return new JObject { ["status_id"] = statusId, ["pipeline_id"] = pipelineId };
    }

    private static JObject TaskBody(ItemState item, string? user, string text, DateTimeOffset deadline, int? type)
    {
        var task = new JObject
        {
            ["text"] = text,
            ["complete_till"] = deadline.ToUnixTimeSeconds(),
            ["entity_id"] = item.Id,
            ["entity_type"] = Path(item),
        };
        if (user is not null && long.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            task["responsible_user_id"] = id;
        }

        if (type is { } taskType)
        {
            task["task_type_id"] = taskType;
        }

        return task;
    }

    /// <summary>A PATCH of the item's lead (or contact).</summary>
    private AmoCommand Patch(ItemState item, JObject changes) =>
        item.Entity == "deal"
            ? AmoCommand.UpdateLead(Key(), item.Id, changes)
            : new AmoCommand(Key(), AmoCommand.Patch, "/api/v4/" + Path(item), new JObject(changes) { ["id"] = item.Id });

    /// <summary>
    /// Takes our write into the item's snapshot (top-level values replace; custom field values are merged by field id
    /// into the lead's own list, so a write of one field does not look like the others were cleared).
    /// </summary>
    private void Merge(ItemState item, JObject update)
    {
        var key = new ItemRef(item.Entity, item.Id);
        if (!_patches.TryGetValue(key, out var patch))
        {
            _patches[key] = patch = [];
        }

        foreach (var property in update.Properties())
        {
            if (property.Name == "custom_fields_values" && property.Value is JArray written)
            {
                var current = patch["custom_fields_values"] as JArray ?? (raws.GetValueOrDefault(key)?["custom_fields_values"] as JArray)?.DeepClone() as JArray ?? [];
                foreach (var field in written.OfType<JObject>())
                {
                    current.OfType<JObject>().FirstOrDefault(f => f.Value<long?>("field_id") == field.Value<long?>("field_id"))?.Remove();
                    current.Add(field.DeepClone());
                }

                patch["custom_fields_values"] = current;
            }
            else
            {
                patch[property.Name] = property.Value.DeepClone();
            }
        }
    }

    private string? Setting(string name) => installation.Settings[name] is JValue { Value: { } value } ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;

    private static string Path(ItemState item) => item.Entity switch
    {
        "contact" => "contacts",
        "company" => "companies",
        _ => "leads",
    };

    private string Add(AmoCommand command)
    {
        _commands.Add(command);
        return command.Key;
    }

    private string Key() => "c" + _commands.Count.ToString(CultureInfo.InvariantCulture);

    /// <summary>The claim's moment (an e-mail task is due at once).</summary>
    public DateTimeOffset NowAt { get; init; }
}
