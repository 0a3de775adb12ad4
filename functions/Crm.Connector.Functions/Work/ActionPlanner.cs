using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Rules;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Triggers;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// Decides, CRM-neutrally, what the automations that fired for an item do — who is told or given the task, what the
/// texts say, which deadline in the installation's calendar, whether a required field or a stage's reason is missing
/// and the item goes back, which value a set-once field gets back, who is next in turn — and has the installation's CRM
/// writer (<see cref="IActionWriter"/>) turn each into that CRM's requests. Each action is recorded under its occurrence
/// key (so an action done once is never done again): as an effect when it writes, as an audit entry when it does not.
/// </summary>
public sealed partial class ActionPlanner(
    Installation installation,
    CrmTemplate template,
    IItemMapper mapper,
    IActionWriter writer,
    ProcessRegistry processes,
    IDelayArithmetic calendar,
    Func<string, ProcessContext> context,
    DateTimeOffset now)
{
    private readonly List<(AuditEntry Entry, int From, int To)> _audit = [];
    private readonly HashSet<string> _implied = [.. ImpliedRules.Of(template).Select(r => r.Key)];
    private readonly HashSet<(string Entity, long Id)> _held = [];
    private readonly HashSet<(string Entity, long Id)> _returned = [];
    private readonly Dictionary<(string Entity, long Id), string> _assigned = [];
    private bool _halted;

    /// <summary>
    /// One entry per action, keyed by occurrence and action index, with the range of the writer's requests that carry it
    /// out (empty for an action that writes nothing: a check that passed, a recipient nobody stands for).
    /// </summary>
    public IReadOnlyList<(AuditEntry Entry, int From, int To)> Actions => _audit;

    /// <summary>Processes an automation ran on each item in this batch (a process whose own trigger fired is not run twice).</summary>
    public HashSet<(string Entity, long Id, string Process)> ProcessesRun { get; } = [];

    /// <summary>The actions as effects (those that write) and audit entries (those that do not).</summary>
    public (IReadOnlyList<Effect> Effects, IReadOnlyList<AuditEntry> Audit) Results()
    {
        var effects = new List<Effect>();
        var audit = new List<AuditEntry>();
        foreach (var (entry, from, to) in _audit)
        {
            if (to > from)
            {
                effects.Add(writer.Effect(entry, from, to, now));
            }
            else
            {
                audit.Add(entry);
            }
        }

        return (effects, audit);
    }

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

            var from = writer.Count;
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
            }, from, writer.Count));
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
        // A user made responsible by an earlier action of the claim is the item's responsible from then on.
        var item = _assigned.TryGetValue((run.Item.Entity, run.Item.Id), out var assignee)
            ? run.Item with { Fields = new Dictionary<string, object?>(run.Item.Fields, StringComparer.Ordinal) { [BuiltInFields.Responsible] = assignee } }
            : run.Item;
        switch (action)
        {
            case NotifyAction notify:
                return Notify(item, notify.To, Render(notify.Message, item));
            case TaskAction task:
                return WorkTask(item, task);
            case CallbackAction callback:
                return Callback(item, callback);
            case CommentAction comment:
                writer.Comment(item, Render(comment.Text, item));
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
            case AssignAction { Strategy: AssignStrategy.RoundRobin } assign:
                return Assign(item, assign);
            default:
                // Least-loaded assignment is not run by the app yet (no template uses it); the audit says so.
                return ("notRun", new JObject { ["action"] = action.TypeName, ["why"] = "this action is not run by the app yet" });
        }
    }

    private (string, JObject) Notify(ItemState item, Recipient to, string message)
    {
        if (writer.User(item, to) is not { } user)
        {
            return ("notRun", new JObject { ["action"] = "notify", ["why"] = $"no user for recipient '{to}'" });
        }

        writer.Notify(item, user, message);
        return ("notify", new JObject { ["to"] = user });
    }

    private (string, JObject) WorkTask(ItemState item, TaskAction task)
    {
        if (writer.User(item, task.To) is not { } user)
        {
            return ("notRun", new JObject { ["action"] = "task", ["why"] = $"no user for recipient '{task.To}'" });
        }

        var deadline = calendar.Add(now, task.Deadline);
        writer.Task(item, user, Render(task.Title, item), task.Description is null ? string.Empty : Render(task.Description, item), deadline);
        return ("task", new JObject { ["to"] = user, ["deadline"] = Iso(deadline) });
    }

    private (string, JObject) Callback(ItemState item, CallbackAction callback)
    {
        var user = writer.User(item, callback.To);
        var deadline = calendar.Add(now, callback.Deadline);
        writer.Callback(item, user, Render(callback.Title, item), callback.Description is null ? string.Empty : Render(callback.Description, item), deadline);
        return ("callback", new JObject { ["to"] = user, ["deadline"] = Iso(deadline) });
    }

    /// <summary>An e-mail to the deal's contact (or to the address in a field), sent the way the CRM's writer sends one.</summary>
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

        writer.Email(item, raw, address, Render(email.Subject, item), Render(email.Body, item));
        return ("email", new JObject { ["to"] = address });
    }

    /// <summary>The next user of the position's pool in turn becomes responsible (round robin; the turn is kept in the store).</summary>
    private (string, JObject) Assign(ItemState item, AssignAction assign)
    {
        if (writer.NextAssignee(assign.Among) is not { } user)
        {
            return ("notRun", new JObject { ["action"] = "assign", ["why"] = $"nobody active in the pool of '{assign.Among}' (see the installation's settings)" });
        }

        if (FieldValues.Text(item[BuiltInFields.Responsible]) == user)
        {
            return ("assign", new JObject { ["to"] = user, ["unchanged"] = true });
        }

        writer.Assign(item, user);
        _assigned[(item.Entity, item.Id)] = user;
        return ("assign", new JObject { ["to"] = user });
    }

    private (string, JObject) SetFields(ItemState item, IReadOnlyDictionary<string, object?> values, string action)
    {
        var changed = values.Where(v => !FieldValues.Equal(item[v.Key], v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var update = changed.Count == 0 ? [] : writer.Update(item, changed);
        return update.Count == 0 ? (action, new JObject { ["unchanged"] = true }) : (action, new JObject { ["set"] = update });
    }

    private (string, JObject) Move(ItemState item, string? pipeline, string stage)
    {
        var flow = item.Entity == "lead" ? LeadFunnel.Key : pipeline ?? item.Pipeline ?? string.Empty;
        return writer.Move(item, pipeline, stage)
            ? ("moveToStage", new JObject { ["to"] = $"{flow}/{stage}" })
            : ("notRun", new JObject { ["action"] = "moveToStage", ["why"] = $"stage {flow}/{stage} is not installed on the portal" });
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
    /// <summary>Whether this claim sends the item back to the stage it came from (a required field missing).</summary>
    public bool SendsBack(string entity, long id) => _returned.Contains((entity, id));

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

        var pipeline = item.Entity == "lead" ? null : change.Before.Pipeline ?? item.Pipeline;
        return writer.SendBack(item, pipeline, previous) ? previous : null;
    }

    private (string, JObject) Copy(ItemState item, CopyDealAction copy, JObject raw) =>
        writer.CopyDeal(item, copy, raw) is { } detail
            ? ("copyDeal", detail)
            : ("notRun", new JObject { ["action"] = "copyDeal", ["why"] = $"pipeline {copy.Pipeline} / stage {copy.Stage} is not installed on the portal" });

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
            writer.Comment(item, comment);
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
        var from = writer.Count;
        Extras(item, decision, change, raw, detail);
        _audit.Add((new AuditEntry { MemberId = installation.MemberId, At = now, Entity = item.Entity, ItemId = item.Id, Action = "robotProcess", Cause = cause, Detail = detail, Key = auditKey }, from, writer.Count));
    }

    /// <summary>
    /// A process's decision on an item its own trigger ran (not an automation's <c>runProcess</c>): the values it set that
    /// differ from the item's (<paramref name="own"/>) and its comments, as one effect under <paramref name="key"/> —
    /// audited at once when it writes nothing. With <paramref name="raw"/> (a decision of the item's own trigger or of a
    /// fact from outside the CRM, not a robot call's, whose extras <see cref="AddRobotDecision"/> writes), its notices and
    /// its stage move (a payment seen in 1C) go with it.
    /// </summary>
    public void AddDecision(ItemState item, string process, ProcessDecision decision, IReadOnlyDictionary<string, object?> own, JObject? raw, string key)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(own);
        var from = writer.Count;
        if (own.Count > 0)
        {
            writer.Update(item, own);
        }

        foreach (var comment in decision.Comments)
        {
            writer.Comment(item, comment);
        }

        var detail = new JObject { ["set"] = JObject.FromObject(own), ["comments"] = decision.Comments.Count };
        if (raw is not null)
        {
            Extras(item, decision, null, raw, detail);
        }
        if (decision.Jobs.Count > 0)
        {
            detail["jobs"] = new JArray(decision.Jobs.Select(j => j.Kind));
        }

        _audit.Add((new AuditEntry
        {
            MemberId = installation.MemberId,
            At = now,
            Entity = item.Entity,
            ItemId = item.Id,
            Action = own.Count > 0 ? "setFields" : "evaluate",
            Cause = $"{process}: {decision.Reason}",
            Detail = detail,
            Key = key,
        }, from, writer.Count));
    }

    private void Extras(ItemState item, ProcessDecision decision, ItemChange? change, JObject raw, JObject detail)
    {
        foreach (var notice in decision.Notices)
        {
            Notify(item, notice.To, notice.Message);
        }

        foreach (var callback in decision.Callbacks)
        {
            writer.Callback(item, writer.User(item, callback.To), callback.Title, callback.Description, callback.Due);
            detail["callbackDue"] = Iso(callback.Due);
        }

        if (decision.ReturnToPreviousStage && ReturnToPrevious(item, change) is { } previous)
        {
            detail["returnedTo"] = previous;
        }

        if (decision.Route is { } route)
        {
            detail["route"] = writer.Route(item, route, raw);
        }

        if (decision.Invoice is { } invoice)
        {
            detail["invoice"] = writer.IssueInvoice(item, invoice, raw);
        }

        if (decision.MoveToStage is { } stage)
        {
            detail["movedTo"] = Move(item, null, stage).Item2["to"];
        }
    }

    /// <summary>A text with <c>{FIELD}</c> placeholders filled from the item, list items by their names.</summary>
    private string Render(LocalizedText text, ItemState item) =>
        Placeholders.Render(SettingsText(text.Get()), item, (field, value) => mapper.Display(item.Entity, field, value));

    /// <summary>
    /// <c>{settings.KEY}</c> filled from the installation's settings (the trial lesson's or the webinar's link); a setting
    /// not set is left as written, so the person reading the text sees what is missing.
    /// </summary>
    private string SettingsText(string text) =>
        SettingsPattern().Replace(text, m => installation.Settings[m.Groups[1].Value] is JValue { Value: { } value } ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? m.Value : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"\{settings\.([A-Za-z0-9_]+)\}")]
    private static partial System.Text.RegularExpressions.Regex SettingsPattern();

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
