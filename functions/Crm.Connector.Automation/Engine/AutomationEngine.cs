using System.Globalization;
using Crm.Connector.Automation.Rules;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Crm.Connector.Templates.Model.Conditions;
using Crm.Connector.Templates.Model.Triggers;
using TemplateAutomation = Crm.Connector.Templates.Model.Automation;

namespace Crm.Connector.Automation.Engine;

/// <summary>
/// Runs a template's automations (bitrix24 REST cannot put them on stages, so the app does): given what changed on an
/// item, which automations fire now, which wait for a time (scheduled checks) and which waiting ones no longer apply;
/// given a check that came due, whether it still fires. Pure: the item, the moment and the calendar come in, decisions
/// go out; the caller does the CRM I/O, records each action under its occurrence key and applies
/// <see cref="EngineOutcome.Cancel"/> before <see cref="EngineOutcome.Schedule"/>.
/// </summary>
/// <param name="template">The installed template.</param>
/// <param name="conditionHolds">Evaluates an automation's condition on an item (null condition = true).</param>
/// <param name="calendar">Delay arithmetic in the portal's calendar.</param>
/// <param name="enabled">Automation keys the portal's plan installed; null = all of the template's.</param>
public sealed class AutomationEngine(CrmTemplate template, Func<Condition?, ItemState, bool> conditionHolds, IDelayArithmetic calendar, IReadOnlySet<string>? enabled = null)
{
    // The template's implied rules come first: an item that may not enter a stage is sent back before the stage's own
    // automations run (they wait until it enters again, the requirement met).
    private readonly IReadOnlyList<TemplateAutomation> _automations = [.. Implied(template ?? throw new ArgumentNullException(nameof(template))), .. template.Automations];

    /// <summary>
    /// The checks a template implies without writing them as automations (<see cref="ImpliedRules"/>), under the keys the
    /// installer's plan lists them by: a field required from a stage on is checked on entering that stage or a later
    /// in-progress or success stage (missing → the item goes back, the user is told, as <c>requireFields</c> does); a
    /// stage listing reasons needs one of its own in the flow's reason field (blank or another stage's does not count);
    /// a set-once field that changed gets its first value back.
    /// </summary>
    public static IReadOnlyList<TemplateAutomation> Implied(CrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var automations = new List<TemplateAutomation>();
        foreach (var rule in ImpliedRules.Of(template))
        {
            var flow = template.FindFlow(rule.FlowKey);
            var field = template.Fields.Find(rule.Entity, rule.Field);
            var fieldName = field?.Name.Get() ?? rule.Field;
            var stageName = flow?.Stages.FirstOrDefault(s => s.Code == rule.FromStage)?.Name.Get() ?? rule.FromStage;
            var pipeline = flow is Pipeline p ? p.Key : null;
            automations.Add(rule.Kind switch
            {
                ImpliedRuleKind.RequiredFrom => new TemplateAutomation
                {
                    Key = rule.Key,
                    Name = LocalizedText.Plain($"«{fieldName}» обязательно с этапа «{stageName}»"),
                    Entity = rule.Entity,
                    Pipeline = pipeline,
                    Trigger = new StageEnteredTrigger { Stages = rule.Stages },
                    Actions = [new RequireFieldsAction { Fields = [rule.Field], Message = LocalizedText.Plain($"«{{title}}»: с этапа «{stageName}» нужно заполнить поле — карточка возвращена на прежний этап") }],
                },
                ImpliedRuleKind.Reason => new TemplateAutomation
                {
                    Key = rule.Key,
                    Name = LocalizedText.Plain($"Причина обязательна для стадии «{stageName}»"),
                    Entity = rule.Entity,
                    Pipeline = pipeline,
                    Trigger = new StageEnteredTrigger { Stages = rule.Stages },
                    Actions = [new RequireReasonAction { Field = rule.Field, Allowed = rule.Allowed }],
                },
                _ => new TemplateAutomation
                {
                    Key = rule.Key,
                    Name = LocalizedText.Plain($"«{fieldName}» не меняется после заполнения"),
                    Entity = rule.Entity,
                    Trigger = new FieldChangedTrigger { Fields = [rule.Field] },
                    Actions = [new KeepSetOnceAction { Field = rule.Field }],
                },
            });
        }

        return automations;
    }

    /// <summary>The automations of <paramref name="change"/>'s item that fire, wait or stop waiting because of it.</summary>
    public EngineOutcome OnChange(ItemChange change, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        var item = change.After;
        var runs = new List<AutomationRun>();
        var schedule = new List<ScheduledCheck>();
        var cancel = new List<string>();
        var token = Token(change, now);
        foreach (var automation in Applicable(item))
        {
            var prefix = Prefix(automation, item);
            switch (automation.Trigger)
            {
                case CreatedTrigger created when change.Created:
                    if (created.After is null)
                    {
                        RunIfHolds(automation, item, $"{prefix}:created", "the item was created", runs);
                    }
                    else
                    {
                        schedule.Add(new ScheduledCheck($"{prefix}:created", automation.Key, item.Entity, item.Id, calendar.Add(now, created.After), null, 0));
                    }

                    break;
                case StageEnteredTrigger entered when change.StageEntered is { } stage && entered.Stages.Contains(stage, StringComparer.Ordinal):
                    RunIfHolds(automation, item, $"{prefix}:stage:{stage}:{token}", $"entered stage {stage}", runs);
                    break;
                case FieldChangedTrigger fields when Changed(change, fields.Fields) is { Count: > 0 } changed:
                    RunIfHolds(automation, item, $"{prefix}:fields:{token}", $"{string.Join(", ", changed)} changed", runs);
                    break;
                case InStageTrigger inStage:
                    if (change.StageEntered is not null && change.Before?.Stage is { } left && inStage.Stages.Contains(left, StringComparer.Ordinal))
                    {
                        cancel.Add($"{prefix}:instage:");
                    }

                    if (change.StageEntered is { } into && inStage.Stages.Contains(into, StringComparer.Ordinal))
                    {
                        schedule.Add(new ScheduledCheck($"{prefix}:instage:{into}:{token}", automation.Key, item.Entity, item.Id, calendar.Add(now, inStage.For), into, 0));
                    }

                    break;
                case FieldDateTrigger date when Changed(change, [date.Field]).Count > 0 || (change.Before is null && !FieldValues.IsEmpty(item[date.Field])):
                    cancel.Add($"{prefix}:date:");
                    if (DateOf(item[date.Field]) is { } value)
                    {
                        var due = date.Before is { } before ? calendar.Subtract(value, before) : date.After is { } after ? calendar.Add(value, after) : value;
                        if (due > now)
                        {
                            schedule.Add(new ScheduledCheck($"{prefix}:date:{value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", automation.Key, item.Entity, item.Id, due, null, 0));
                        }
                    }

                    break;
            }
        }

        return new EngineOutcome { Runs = runs, Schedule = schedule, Cancel = cancel };
    }

    /// <summary>
    /// A scheduled check came due; <paramref name="item"/> is the item as it is now. Fires when the automation is still
    /// installed, the item is still in the stage an <c>inStage</c> trigger waits on, and the condition holds; an
    /// <c>inStage</c> trigger with <c>repeatEvery</c> schedules its next check while the item stays.
    /// </summary>
    public EngineOutcome OnDue(ScheduledCheck check, ItemState item, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(item);
        var automation = Applicable(item).FirstOrDefault(a => a.Key == check.AutomationKey);
        if (automation is null)
        {
            return EngineOutcome.None;
        }

        var schedule = new List<ScheduledCheck>();
        string cause;
        if (automation.Trigger is InStageTrigger inStage)
        {
            if (check.Stage is null || item.Stage != check.Stage)
            {
                return EngineOutcome.None;
            }

            cause = $"in stage {check.Stage} for {inStage.For}" + (check.Repeat > 0 ? $" (reminder {check.Repeat.ToString(CultureInfo.InvariantCulture)})" : string.Empty);
            if (inStage.RepeatEvery is { } every)
            {
                var next = check.Repeat + 1;
                var baseKey = check.Repeat == 0 ? check.Key : check.Key[..check.Key.LastIndexOf(":r", StringComparison.Ordinal)];
                schedule.Add(check with { Key = $"{baseKey}:r{next.ToString(CultureInfo.InvariantCulture)}", DueAt = calendar.Add(now, every), Repeat = next });
            }
        }
        else
        {
            cause = automation.Trigger switch
            {
                CreatedTrigger { After: { } after } => $"{after} after it was created",
                FieldDateTrigger date => $"the date in {date.Field}",
                _ => "a scheduled check",
            };
        }

        var runs = new List<AutomationRun>();
        RunIfHolds(automation, item, check.Key, cause, runs);
        return new EngineOutcome { Runs = runs, Schedule = schedule };
    }

    /// <summary>
    /// Names one transition of the item: its modification time as the CRM reports it, and a digest of the state before and
    /// after. The same change seen twice (a retry, a duplicate event) gets the same token; two changes within the same
    /// second (the CRM's time has whole seconds) get different ones.
    /// </summary>
    private static string Token(ItemChange change, DateTimeOffset now)
    {
        var modified = FieldValues.Text(change.After[BuiltInFields.Modified]) is { Length: > 0 } text
            ? text
            : now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var state = new System.Text.StringBuilder();
        foreach (var side in new[] { change.Before, change.After })
        {
            foreach (var (field, value) in (side?.Fields ?? new Dictionary<string, object?>()).OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                state.Append(field).Append('=').Append(value is System.Collections.IEnumerable list && value is not string ? string.Join(",", list.Cast<object?>().Select(FieldValues.Text)) : FieldValues.Text(value)).Append('\n');
            }

            state.Append("--\n");
        }

        var digest = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(state.ToString())))[..12];
        return $"{modified}#{digest}";
    }

    private static string Prefix(TemplateAutomation automation, ItemState item) =>
        $"{automation.Key}:{item.Entity}:{item.Id.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The watched fields that changed. An item seen for the first time has no "before"; then only fields holding a
    /// value count, so a first sight does not look like every field was just cleared.
    /// </summary>
    private static List<string> Changed(ItemChange change, IReadOnlyList<string> watched) =>
        [.. watched.Where(f => change.ChangedFields.Contains(f) && (change.Before is not null || !FieldValues.IsEmpty(change.After[f])))];

    private static DateTimeOffset? DateOf(object? value) =>
        FieldValues.Text(value) is { Length: > 0 } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private IEnumerable<TemplateAutomation> Applicable(ItemState item) =>
        _automations.Where(a =>
            (enabled is null || enabled.Contains(a.Key))
            && string.Equals(Templates.Serialization.EnumNames.Of(a.Entity), item.Entity, StringComparison.Ordinal)
            && (a.Pipeline is null || a.Entity != CrmEntity.Deal || a.Pipeline == item.Pipeline));

    private void RunIfHolds(TemplateAutomation automation, ItemState item, string occurrence, string what, List<AutomationRun> runs)
    {
        if (conditionHolds(automation.Condition, item))
        {
            runs.Add(new AutomationRun(automation, item, occurrence, $"automation «{automation.Name.Get()}» ({automation.Key}): {what}"));
        }
    }
}
