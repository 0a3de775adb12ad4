using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Rules;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Triggers;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// Turns the automations that fired for one item into Bitrix24 batch commands — notifications, tasks, call-back to-dos,
/// timeline comments, field values, stage moves, deal copies, required-field checks, business processes — and the
/// audit entries that record each under its occurrence key (so an action done once is never done again).
/// </summary>
internal sealed class AutomationActions(
    Installation installation,
    CrmTemplate template,
    ItemMapper mapper,
    ProcessRegistry processes,
    IDelayArithmetic calendar,
    Func<string, ProcessContext> context,
    IReadOnlyDictionary<string, string> supervisors,
    DateTimeOffset now)
{
    private readonly List<BatchCommand> _commands = [];
    private readonly List<(AuditEntry Entry, int From, int To)> _audit = [];
    private readonly HashSet<string> _implied = [.. ImpliedRules.Of(template).Select(r => r.Key)];
    private readonly HashSet<(string Entity, long Id)> _held = [];
    private readonly HashSet<(string Entity, long Id)> _returned = [];
    private bool _halted;

    /// <summary>The commands built so far (keys start with <see cref="KeyPrefix"/> of their item).</summary>
    public IReadOnlyList<BatchCommand> Commands => _commands;

    /// <summary>
    /// One entry per action, keyed by occurrence and action index, with the commands that carry it out (none for an
    /// action that writes nothing: a check that passed, a recipient nobody stands for): each becomes one effect.
    /// </summary>
    public IEnumerable<(AuditEntry Entry, IReadOnlyList<BatchCommand> Commands)> Effects =>
        _audit.Select(a => (a.Entry, (IReadOnlyList<BatchCommand>)_commands[a.From..a.To]));

    /// <summary>Field values the automations set on each item (applied to its snapshot like the processes' own writes).</summary>
    public Dictionary<(string Entity, long Id), JObject> Updates { get; } = [];

    /// <summary>The timeline comments of each deal a <c>copyDeal</c> copies with its history (<see cref="DealHistory"/>).</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<JObject>> History { get; init; } = new Dictionary<long, IReadOnlyList<JObject>>();

    /// <summary>What the portal holds for each lead about to be routed (deals made from it, its contact and company).</summary>
    public IReadOnlyDictionary<long, LeadConversionState> Conversions { get; init; } = new Dictionary<long, LeadConversionState>();

    /// <summary>Processes an automation ran on each item in this batch (a process whose own trigger fired is not run twice).</summary>
    public HashSet<(string Entity, long Id, string Process)> ProcessesRun { get; } = [];

    public static string KeyPrefix(string entity, long id) => $"auto{entity}{id.ToString(CultureInfo.InvariantCulture)}_";

    /// <summary>Adds the actions of <paramref name="run"/> not already done (<paramref name="done"/> holds their audit keys).</summary>
    public void Add(AutomationRun run, ItemChange? change, JObject raw, IReadOnlySet<string> done)
    {
        ArgumentNullException.ThrowIfNull(run);
        // The item was sent back by a rule of the template (a required field, a stage's reason): the stage's own
        // automations wait until it enters again with the requirement met — only their own required-field checks run
        // now, so the user hears everything missing at once. What waits is not audited, so it runs on the next entry.
        var held = run.Automation.Trigger is StageEnteredTrigger && _held.Contains((run.Item.Entity, run.Item.Id));
        _halted = false;
        for (var index = 0; index < run.Automation.Actions.Count && !_halted; index++)
        {
            if (held && run.Automation.Actions[index] is not RequireFieldsAction)
            {
                break;
            }

            var key = AuditKey(run, index);
            if (done.Contains(key))
            {
                continue;
            }

            var from = _commands.Count;
            var (action, detail) = Build(run, run.Automation.Actions[index], change, raw);
            _audit.Add((new AuditEntry
            {
                MemberId = installation.MemberId,
                At = now,
                Entity = run.Item.Entity,
                ItemId = run.Item.Id,
                Action = action,
                Cause = run.Cause,
                Detail = detail,
                Key = key,
            }, from, _commands.Count));
        }

        if (_halted && _implied.Contains(run.Automation.Key))
        {
            _held.Add((run.Item.Entity, run.Item.Id));
        }
    }

    /// <summary>The audit key of an action of a run: the occurrence, then the action's place in the automation.</summary>
    public string AuditKey(AutomationRun run, int index)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{installation.MemberId}:{run.OccurrenceKey}:{index.ToString(CultureInfo.InvariantCulture)}";
    }

    private (string Action, JObject Detail) Build(AutomationRun run, AutomationAction action, ItemChange? change, JObject raw)
    {
        var item = run.Item;
        switch (action)
        {
            case NotifyAction notify:
                return Notify(item, notify.To, Render(notify.Message, item));
            case TaskAction task:
                return WorkTask(item, task);
            case CallbackAction callback:
                return Callback(item, callback);
            case CommentAction comment:
                Comment(item, item.Id, item.Entity, Render(comment.Text, item));
                return ("comment", []);
            case SetFieldAction set:
                var value = set.From is { } from ? item[from] : Literal(set.Value);
                return SetFields(item, new Dictionary<string, object?>(StringComparer.Ordinal) { [set.Field] = value }, "setField");
            case MoveToStageAction move:
                return Move(item, move.Pipeline, move.Stage);
            case RequireFieldsAction require:
                return Require(item, require, change);
            case RequireReasonAction reason:
                return RequireReason(item, reason, change);
            case KeepSetOnceAction keep:
                return KeepSetOnce(item, keep, change);
            case CopyDealAction copy:
                return Copy(item, copy, raw);
            case RunProcessAction process:
                return Process(item, process.Process, change, raw);
            case EmailAction email:
                return Email(item, email, raw);
            default:
                // Round-robin assignment is not run by the app yet (no Bitrix24 template uses it); the audit says so.
                return ("notRun", new JObject { ["action"] = action.TypeName, ["why"] = "this action is not run by the app yet" });
        }
    }

    private (string, JObject) Notify(ItemState item, Recipient to, string message)
    {
        if (User(item, to) is not { } user)
        {
            return ("notRun", new JObject { ["action"] = "notify", ["why"] = $"no user for recipient '{to}'" });
        }

        Add(item, "im.notify.system.add", new JObject { ["USER_ID"] = user, ["MESSAGE"] = message });
        return ("notify", new JObject { ["to"] = user });
    }

    private (string, JObject) WorkTask(ItemState item, TaskAction task)
    {
        if (User(item, task.To) is not { } user)
        {
            return ("notRun", new JObject { ["action"] = "task", ["why"] = $"no user for recipient '{task.To}'" });
        }

        var deadline = Iso(calendar.Add(now, task.Deadline));
        Add(item, "tasks.task.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["TITLE"] = Render(task.Title, item),
                ["DESCRIPTION"] = task.Description is null ? string.Empty : Render(task.Description, item),
                ["RESPONSIBLE_ID"] = user,
                ["DEADLINE"] = deadline,
                ["UF_CRM_TASK"] = new JArray((item.Entity == "lead" ? "L_" : "D_") + ItemMapper.Id(item.Id)),
            },
        });
        return ("task", new JObject { ["to"] = user, ["deadline"] = deadline });
    }

    private (string, JObject) Callback(ItemState item, CallbackAction callback)
    {
        var user = User(item, callback.To);
        var deadline = Iso(calendar.Add(now, callback.Deadline));
        var fields = new JObject
        {
            ["ownerTypeId"] = item.Entity == "lead" ? 1 : 2,
            ["ownerId"] = item.Id,
            ["deadline"] = deadline,
            ["title"] = Render(callback.Title, item),
            ["description"] = callback.Description is null ? string.Empty : Render(callback.Description, item),
        };
        if (user is not null)
        {
            fields["responsibleId"] = user;
        }

        Add(item, "crm.activity.todo.add", fields);
        return ("callback", new JObject { ["to"] = user, ["deadline"] = deadline });
    }

    /// <summary>
    /// An e-mail to the deal's contact as an outgoing e-mail activity on its timeline (<c>crm.activity.add</c>, TYPE_ID 4).
    /// UNCONFIRMED: whether the portal sends it at once depends on its mail settings; the activity is what REST offers.
    /// </summary>
    private (string, JObject) Email(ItemState item, EmailAction email, JObject raw)
    {
        var address = email.To.Kind switch
        {
            RecipientKind.Contact => FieldValues.Text(item["contact." + SystemFields.Email]),
            RecipientKind.Field => FieldValues.Text(item[email.To.Key!]),
            _ => null,
        };
        if (address is null)
        {
            return ("notRun", new JObject { ["action"] = "email", ["why"] = $"no e-mail address for recipient '{email.To}'" });
        }

        SendEmail(item, raw, address, Render(email.Subject, item), Render(email.Body, item));
        return ("email", new JObject { ["to"] = address });
    }

    /// <summary>An outgoing e-mail activity on the item's timeline, to <paramref name="address"/> (the item's contact when it has one).</summary>
    private void SendEmail(ItemState item, JObject raw, string address, string subject, string body)
    {
        var communication = new JObject { ["VALUE"] = address, ["TYPE"] = "EMAIL" };
        if (raw.Value<string>("CONTACT_ID") is { Length: > 0 } contact and not "0")
        {
            communication["ENTITY_ID"] = contact;
            communication["ENTITY_TYPE_ID"] = 3;
        }

        Add(item, "crm.activity.add", new JObject
        {
            ["fields"] = new JObject
            {
                ["OWNER_TYPE_ID"] = item.Entity == "lead" ? 1 : 2,
                ["OWNER_ID"] = item.Id,
                ["TYPE_ID"] = 4,
                ["DIRECTION"] = 2,
                ["SUBJECT"] = subject,
                ["DESCRIPTION"] = body,
                ["RESPONSIBLE_ID"] = FieldValues.Text(item[BuiltInFields.Responsible]),
                ["COMMUNICATIONS"] = new JArray(communication),
            },
        });
    }

    private (string, JObject) SetFields(ItemState item, IReadOnlyDictionary<string, object?> values, string action)
    {
        var changed = values.Where(v => !FieldValues.Equal(item[v.Key], v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var update = mapper.ToUpdate(item.Entity, changed);
        if (update.Count == 0)
        {
            return (action, new JObject { ["unchanged"] = true });
        }

        Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = update });
        Merge(item, update);
        return (action, new JObject { ["set"] = update });
    }

    private (string, JObject) Move(ItemState item, string? pipeline, string stage)
    {
        var flow = item.Entity == "lead" ? LeadFunnel.Key : pipeline ?? item.Pipeline ?? string.Empty;
        if (mapper.StatusId(flow, stage) is not { } status)
        {
            return ("notRun", new JObject { ["action"] = "moveToStage", ["why"] = $"stage {flow}/{stage} is not installed on the portal" });
        }

        if (item.Entity == "deal" && pipeline is not null && pipeline != item.Pipeline)
        {
            // Another pipeline: only crm.item.update moves a deal between categories (bitrix24-rest.md §7).
            Add(item, "crm.item.update", new JObject { ["entityTypeId"] = 2, ["id"] = item.Id, ["fields"] = new JObject { ["categoryId"] = mapper.PipelineId(pipeline), ["stageId"] = status } });
        }
        else
        {
            Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = new JObject { [item.Entity == "lead" ? "STATUS_ID" : "STAGE_ID"] = status } });
        }

        return ("moveToStage", new JObject { ["to"] = $"{flow}/{stage}" });
    }

    private (string, JObject) Require(ItemState item, RequireFieldsAction require, ItemChange? change)
    {
        var missing = Requirements.Missing(item, require.Fields);
        if (missing.Count == 0)
        {
            return ("requireFields", new JObject { ["missing"] = new JArray() });
        }

        // The automation's later actions wait for the fields: they run when the item enters the stage again, filled in.
        _halted = true;
        var names = string.Join(", ", missing.Select(f => template.Fields.Find(Entity(item.Entity), f)?.Name.Get() ?? f));
        var message = require.Message is null
            ? $"«{FieldValues.Text(item[BuiltInFields.Title])}»: заполните поля — {names}."
            : $"{Render(require.Message, item)} ({names})";
        Notify(item, Recipient.Responsible, message);
        var detail = new JObject { ["missing"] = new JArray(missing) };
        if (require.ReturnToPreviousStage && ReturnToPrevious(item, change) is { } previous)
        {
            detail["returnedTo"] = previous;
        }

        return ("requireFields", detail);
    }

    /// <summary>
    /// A stage that lists reasons: the flow's reason field must hold one of the stage's own (a blank value or another
    /// stage's reason is none); otherwise the user is told which to choose from and the item goes back.
    /// </summary>
    private (string, JObject) RequireReason(ItemState item, RequireReasonAction reason, ItemChange? change)
    {
        var verdict = Requirements.Reason(item, reason.Field, reason.Allowed);
        if (verdict == ReasonVerdict.Given)
        {
            return ("requireReason", new JObject { ["reason"] = JToken.FromObject(item[reason.Field]!) });
        }

        _halted = true;
        var entity = Entity(item.Entity);
        var definition = template.Fields.Find(entity, reason.Field);
        var flow = template.FindFlow(item.Entity == "lead" ? LeadFunnel.Key : item.Pipeline);
        var stage = flow?.Stages.FirstOrDefault(s => s.Code == item.Stage)?.Name.Get() ?? item.Stage;
        var choices = string.Join(", ", reason.Allowed.Select(code => definition?.Items.FirstOrDefault(i => i.Code == code)?.Name.Get() ?? code));
        var given = verdict == ReasonVerdict.NotAllowed ? $" «{mapper.Display(item.Entity, reason.Field, item[reason.Field])}» — причина другой стадии." : string.Empty;
        Notify(item, Recipient.Responsible, $"«{FieldValues.Text(item[BuiltInFields.Title])}»: Выберите причину для стадии «{stage}» в поле «{definition?.Name.Get() ?? reason.Field}» — одну из: {choices}.{given} Карточка возвращена на прежнюю стадию.");
        var detail = new JObject { [verdict == ReasonVerdict.Missing ? "missing" : "notAllowed"] = verdict == ReasonVerdict.Missing ? new JArray(reason.Field) : JToken.FromObject(item[reason.Field]!) };
        if (ReturnToPrevious(item, change) is { } previous)
        {
            detail["returnedTo"] = previous;
        }

        return ("requireReason", detail);
    }

    /// <summary>A set-once field that was changed or cleared gets its first value back, and the responsible user is told.</summary>
    private (string, JObject) KeepSetOnce(ItemState item, KeepSetOnceAction keep, ItemChange? change)
    {
        var (restore, value) = Requirements.SetOnce(change, keep.Field);
        if (!restore)
        {
            return ("keepSetOnce", new JObject { ["unchanged"] = true });
        }

        var name = template.Fields.Find(Entity(item.Entity), keep.Field)?.Name.Get() ?? keep.Field;
        var (_, detail) = SetFields(item, new Dictionary<string, object?>(StringComparer.Ordinal) { [keep.Field] = value }, "keepSetOnce");
        Notify(item, Recipient.Responsible, $"«{FieldValues.Text(item[BuiltInFields.Title])}»: поле «{name}» не меняется после заполнения — возвращено прежнее значение «{mapper.Display(item.Entity, keep.Field, value)}».");
        detail["restored"] = keep.Field;
        return ("keepSetOnce", detail);
    }

    /// <summary>Sends the item back to the stage it came from; returns that stage, or null when there is none to go back to.</summary>
    private string? ReturnToPrevious(ItemState item, ItemChange? change)
    {
        if (change?.Before?.Stage is not { } previous || previous == item.Stage)
        {
            return null;
        }

        if (!_returned.Add((item.Entity, item.Id)))
        {
            // Already sent back by an earlier check of the same change: one write is enough.
            return previous;
        }

        var flow = item.Entity == "lead" ? LeadFunnel.Key : change.Before.Pipeline ?? item.Pipeline ?? string.Empty;
        if (mapper.StatusId(flow, previous) is not { } status)
        {
            return null;
        }

        var field = item.Entity == "lead" ? "STATUS_ID" : "STAGE_ID";
        Add(item, $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = new JObject { [field] = status } });

        // The return is not a new entry into the previous stage: the snapshot takes it, so its automations do not run again.
        Merge(item, new JObject { [field] = status });
        return previous;
    }

    private (string, JObject) Copy(ItemState item, CopyDealAction copy, JObject raw)
    {
        if (mapper.PipelineId(copy.Pipeline) is not { } category || mapper.StatusId(copy.Pipeline, copy.Stage) is not { } stage)
        {
            return ("notRun", new JObject { ["action"] = "copyDeal", ["why"] = $"pipeline {copy.Pipeline} / stage {copy.Stage} is not installed on the portal" });
        }

        var fields = new JObject { ["CATEGORY_ID"] = category, ["STAGE_ID"] = stage };
        foreach (var name in new[] { "TITLE", "OPPORTUNITY", "CURRENCY_ID", "ASSIGNED_BY_ID", "CONTACT_ID", "COMPANY_ID", "SOURCE_ID" })
        {
            if (raw[name] is { Type: not JTokenType.Null } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        if (copy.CopyFields)
        {
            foreach (var property in raw.Properties().Where(p => p.Name.StartsWith("UF_CRM_", StringComparison.Ordinal)))
            {
                fields[property.Name] = property.Value.DeepClone();
            }
        }

        var added = Add(item, "crm.deal.add", new JObject { ["fields"] = fields });
        var detail = new JObject { ["to"] = $"{copy.Pipeline}/{copy.Stage}" };
        if (copy.CopyHistory)
        {
            // The history REST can write: the timeline comments, oldest first, each with its date and author; then a
            // comment saying where the copy came from (the source's system entries cannot be written).
            var comments = History.GetValueOrDefault(item.Id) ?? [];
            foreach (var comment in comments.Where(c => !string.IsNullOrWhiteSpace(c.Value<string>("COMMENT"))))
            {
                Comment(item, $"$result[{added}]", "deal", $"{comment.Value<string>("CREATED")}, пользователь {comment.Value<string>("AUTHOR_ID")}: {comment.Value<string>("COMMENT")}");
            }

            Comment(item, $"$result[{added}]", "deal", $"Копия сделки #{ItemMapper.Id(item.Id)} «{FieldValues.Text(item[BuiltInFields.Title])}»" + (comments.Count > 0 ? $": выше — её комментарии ({comments.Count.ToString(CultureInfo.InvariantCulture)})." : "."));
            detail["history"] = comments.Count;
        }

        return ("copyDeal", detail);
    }

    private (string, JObject) Process(ItemState item, string key, ItemChange? change, JObject raw)
    {
        var definition = template.Processes.FirstOrDefault(p => p.Key == key);
        if (definition is null)
        {
            return ("notRun", new JObject { ["action"] = "runProcess", ["why"] = $"the template has no process '{key}'" });
        }

        if (!ProcessesRun.Add((item.Entity, item.Id, key)))
        {
            return ("runProcess", new JObject { ["process"] = key, ["alreadyRun"] = true });
        }

        var decision = processes.For(definition).Decide(definition, item, context(item.Entity));
        var (_, detail) = SetFields(item, decision.SetFields, "runProcess");
        foreach (var comment in decision.Comments)
        {
            Comment(item, item.Id, item.Entity, comment);
        }

        Extras(item, decision, change, raw, detail);
        detail["process"] = key;
        detail["reason"] = decision.Reason;
        return ("runProcess", detail);
    }

    /// <summary>
    /// What a robot's process decided beyond field values and return values (those the robot path writes itself):
    /// notices, call-backs, a return to the previous stage, a lead's route — recorded under <paramref name="auditKey"/>.
    /// </summary>
    public void AddRobotDecision(ItemState item, ItemChange? change, JObject raw, ProcessDecision decision, string auditKey, string cause)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Notices.Count == 0 && decision.Callbacks.Count == 0 && !decision.ReturnToPreviousStage && decision.Route is null && decision.Invoice is null && decision.MoveToStage is null)
        {
            return;
        }

        var detail = new JObject();
        var from = _commands.Count;
        Extras(item, decision, change, raw, detail);
        _audit.Add((new AuditEntry { MemberId = installation.MemberId, At = now, Entity = item.Entity, ItemId = item.Id, Action = "robotProcess", Cause = cause, Detail = detail, Key = auditKey }, from, _commands.Count));
    }

    private void Extras(ItemState item, ProcessDecision decision, ItemChange? change, JObject raw, JObject detail)
    {
        foreach (var notice in decision.Notices)
        {
            Notify(item, notice.To, notice.Message);
        }

        foreach (var callback in decision.Callbacks)
        {
            var fields = new JObject
            {
                ["ownerTypeId"] = item.Entity == "lead" ? 1 : 2,
                ["ownerId"] = item.Id,
                ["deadline"] = Iso(callback.Due),
                ["title"] = callback.Title,
                ["description"] = callback.Description,
            };
            if (User(item, callback.To) is { } user)
            {
                fields["responsibleId"] = user;
            }

            Add(item, "crm.activity.todo.add", fields);
            detail["callbackDue"] = Iso(callback.Due);
        }

        if (decision.ReturnToPreviousStage && ReturnToPrevious(item, change) is { } previous)
        {
            detail["returnedTo"] = previous;
        }

        if (decision.Route is { } route)
        {
            detail["route"] = Route(item, route, raw);
        }

        if (decision.Invoice is { } invoice)
        {
            detail["invoice"] = IssueInvoice(item, invoice, raw);
        }

        if (decision.MoveToStage is { } stage)
        {
            detail["movedTo"] = Move(item, null, stage).Item2["to"];
        }
    }

    /// <summary>
    /// The invoice as a smart invoice (<c>crm.item.add</c>, entityTypeId 31) bound to the deal and its contact, and an
    /// e-mail to the contact telling the amount. UNCONFIRMED: the PDF and its public link are the portal's document
    /// generator's, which REST does not drive here; the e-mail states the invoice rather than attaching it.
    /// </summary>
    private string IssueInvoice(ItemState item, PlannedInvoice invoice, JObject raw)
    {
        var amount = invoice.Amount.ToString("0.00", CultureInfo.InvariantCulture);
        var fields = new JObject
        {
            ["title"] = invoice.Title,
            ["opportunity"] = amount,
            ["currencyId"] = raw.Value<string>("CURRENCY_ID") is { Length: > 0 } currency ? currency : "RUB",
            ["parentId2"] = item.Id,
            ["comments"] = invoice.Prepayment ? "Предоплата" : string.Empty,
        };
        if (raw.Value<string>("CONTACT_ID") is { Length: > 0 } contact and not "0")
        {
            fields["contactId"] = contact;
        }

        if (FieldValues.Text(item[BuiltInFields.Responsible]) is { } responsible)
        {
            fields["assignedById"] = responsible;
        }

        Add(item, "crm.item.add", new JObject { ["entityTypeId"] = 31, ["fields"] = fields });
        if (FieldValues.Text(item["contact." + SystemFields.Email]) is { } address)
        {
            SendEmail(item, raw, address, invoice.Title, $"{invoice.Title}: к оплате {amount} {fields["currencyId"]}." + (invoice.Prepayment ? " Это предоплата; остаток — после ремонта." : string.Empty));
        }

        return $"{amount}{(invoice.Prepayment ? " (prepayment)" : string.Empty)}";
    }

    /// <summary>
    /// The deal (and contact, and company) a qualified lead becomes, in one batch round: the deal refers to the contact
    /// created just before it with <c>$result[…]</c>.
    /// </summary>
    private string Route(ItemState lead, LeadRoute route, JObject raw)
    {
        // Never a second deal: a lead converted already (the portal's own conversion, or routed before) only has the
        // empty fields of its deal filled; manual conversion is the manager's (bitrix24 leads: deals carry LEAD_ID).
        var plan = LeadRouting.Plan(route, Conversions.GetValueOrDefault(lead.Id) ?? LeadConversionState.None);
        foreach (var (dealId, values) in plan.Fill)
        {
            if (mapper.ToUpdate("deal", values) is { Count: > 0 } fill)
            {
                Add(lead, "crm.deal.update", new JObject { ["id"] = dealId, ["fields"] = fill });
            }
        }

        if (!plan.CreateDeal)
        {
            return $"not created: {plan.Why}";
        }

        var stage = route.Stage ?? (template.FindFlow(route.Pipeline)?.Stages is { Count: > 0 } stages ? stages[0].Code : null);
        if (mapper.PipelineId(route.Pipeline) is not { } category || stage is null || mapper.StatusId(route.Pipeline, stage) is not { } status)
        {
            return $"not created: pipeline {route.Pipeline} is not installed on the portal";
        }

        var deal = mapper.ToUpdate("deal", route.DealFields);
        deal["CATEGORY_ID"] = category;
        deal["STAGE_ID"] = status;
        deal["LEAD_ID"] = lead.Id;
        if (plan.ContactId is { } existingContact)
        {
            deal["CONTACT_ID"] = existingContact;
        }
        else if (plan.CreateContact)
        {
            var contact = new JObject
            {
                ["NAME"] = Text(raw, "NAME") ?? FieldValues.Text(lead["FIRST_NAME"]) ?? FieldValues.Text(lead[BuiltInFields.Title]),
                ["LAST_NAME"] = Text(raw, "LAST_NAME") ?? FieldValues.Text(lead["LAST_NAME"]),
                ["SECOND_NAME"] = Text(raw, "SECOND_NAME") ?? FieldValues.Text(lead["MIDDLE_NAME"]),
                ["ASSIGNED_BY_ID"] = FieldValues.Text(lead[BuiltInFields.Responsible]),
                ["LEAD_ID"] = lead.Id,
            };
            foreach (var empty in contact.Properties().Where(p => p.Value.Type == JTokenType.Null || (p.Value.Type == JTokenType.String && p.Value.Value<string>() is null)).ToList())
            {
                empty.Remove();
            }

            foreach (var multi in new[] { "PHONE", "EMAIL" })
            {
                if (raw[multi] is JArray { Count: > 0 } values)
                {
                    contact[multi] = new JArray(values.OfType<JObject>().Select(v => new JObject { ["VALUE"] = v["VALUE"], ["VALUE_TYPE"] = v["VALUE_TYPE"] ?? "WORK" }));
                }
            }

            deal["CONTACT_ID"] = $"$result[{Add(lead, "crm.contact.add", new JObject { ["fields"] = contact })}]";
        }

        if (plan.CompanyId is { } existingCompany)
        {
            deal["COMPANY_ID"] = existingCompany;
        }
        else if (plan.CreateCompany && Text(raw, "COMPANY_TITLE") is { } company)
        {
            deal["COMPANY_ID"] = $"$result[{Add(lead, "crm.company.add", new JObject { ["fields"] = new JObject { ["TITLE"] = company } })}]";
        }

        Add(lead, "crm.deal.add", new JObject { ["fields"] = deal });
        return $"{route.Pipeline}/{stage}";
    }

    private static string? Text(JObject raw, string name) => raw.Value<string>(name) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>The Bitrix24 user id a recipient stands for on this item, or null when nobody is known.</summary>
    private string? User(ItemState item, Recipient to)
    {
        var responsible = FieldValues.Text(item[BuiltInFields.Responsible]);
        return to.Kind switch
        {
            RecipientKind.Responsible => responsible,
            RecipientKind.Supervisor => installation.Settings.Value<string>("supervisor")
                ?? (responsible is null ? null : supervisors.GetValueOrDefault(responsible)),
            RecipientKind.Position => installation.Settings["positions"]?.Value<string>(to.Key!),
            RecipientKind.Field => FieldValues.Text(item[to.Key!]),
            _ => null,
        };
    }

    /// <summary><c>crm.timeline.comment.add</c> on <paramref name="entityId"/> (an id, or a <c>$result[…]</c> of this batch), counted as work for <paramref name="item"/>.</summary>
    private void Comment(ItemState item, JToken entityId, string entityType, string text) =>
        Add(item, "crm.timeline.comment.add", new JObject
        {
            ["fields"] = new JObject { ["ENTITY_ID"] = entityId, ["ENTITY_TYPE"] = entityType, ["COMMENT"] = text },
        });

    private string Add(ItemState item, string method, JObject parameters)
    {
        var key = $"{KeyPrefix(item.Entity, item.Id)}{_commands.Count.ToString(CultureInfo.InvariantCulture)}";
        _commands.Add(new BatchCommand(key, method, parameters));
        return key;
    }

    private void Merge(ItemState item, JObject update)
    {
        if (!Updates.TryGetValue((item.Entity, item.Id), out var merged))
        {
            Updates[(item.Entity, item.Id)] = merged = [];
        }

        merged.Merge(update);
    }

    /// <summary>A text with <c>{FIELD}</c> placeholders filled from the item, list items by their names.</summary>
    private string Render(LocalizedText text, ItemState item) =>
        Placeholders.Render(text.Get(), item, (field, value) => mapper.Display(item.Entity, field, value));

    private static object? Literal(LiteralValue? value) => value?.Kind switch
    {
        null => null,
        LiteralKind.Number => value.AsNumber(),
        LiteralKind.Boolean => value.AsBoolean(),
        _ => value.Text,
    };

    private static string Iso(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static CrmEntity Entity(string entity) => Templates.Serialization.EnumNames.Parse<CrmEntity>(entity) ?? CrmEntity.Deal;

}
