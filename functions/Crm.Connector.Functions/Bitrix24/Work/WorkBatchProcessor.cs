using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Conditions;
using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Bitrix24.Batch;
using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Functions.Bitrix24.Work.Effects;
using Crm.Connector.Storage;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Storage.Jobs;
using Crm.Connector.Storage.Snapshots;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;
using Crm.Connector.Templates.Serialization;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Bitrix24.Work;

/// <summary>
/// One claimed batch of a portal's work, in as few requests as the portal allows: every item concerned is read in one
/// batch call (50 per request), compared with its snapshot to find what changed, and run through the template's
/// business processes and automations. What they decide is committed to the store in one transaction before anything
/// is written — the snapshots as the items will be after our writes (so the echoes of our own writes change nothing),
/// each write as an effect under its occurrence key, the delayed checks, and the inbox items done — and only then sent
/// (<see cref="EffectSender"/>): a crash before the commit leaves the claim to be decided again from the same state, a
/// crash after it leaves effects that are looked for in the portal before they are sent again. Only values that differ
/// from the item's current ones are written. Items whose read failed go back to the inbox, each on its own. A robot
/// call the app cannot run (the item does not exist, or is a lead or contact when the robot is for deals) is answered
/// with the error, so its workflow goes on instead of waiting for its timeout, and audited.
/// </summary>
public sealed class WorkBatchProcessor(IStore store, PortalClients clients, TemplateProvider templates, ProcessRegistry processes, PortalListItemsCache listItems, EffectSender sender, IOptions<WorkerOptions> options, TimeProvider time, ILogger<WorkBatchProcessor> log)
{
    public async Task ProcessAsync(string memberId, IReadOnlyList<InboxItem> items, WorkLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is not { Status: InstallationStatus.Active } || installation.TemplateKey is null)
        {
            // Uninstalled since: nothing may be done for it any more.
            await store.Inbox.CompleteAsync(items, cancellationToken);
            return;
        }

        IReadOnlyList<Effect> effects;
        try
        {
            effects = await DecideAsync(installation, items, lease, cancellationToken);
        }
        catch (Bitrix24Exception e)
        {
            WorkLog.PortalFailed(log, memberId, e.Method, e.Code);
            await store.Inbox.ReleaseAsync([.. items.Select(i => i.Id)], $"{e.Method}: {e.Code}", options.Value.RetryAfter, options.Value.MaxAttempts, cancellationToken);
            return;
        }

        await SendAsync(installation, effects, recovering: false, lease, cancellationToken);
    }

    /// <summary>
    /// Sends the portal's recorded effects that are due — left by a sender that died or whose answers were lost, or
    /// waiting for a retry — each looked for in the portal first. Run by the lease holder before it claims new work.
    /// </summary>
    public async Task RecoverAsync(string memberId, WorkLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        var due = await store.Outbox.DueAsync(memberId, 500, cancellationToken);
        if (due.Count == 0)
        {
            return;
        }

        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (installation is not { Status: InstallationStatus.Active })
        {
            await store.Outbox.CloseAsync(memberId, "the app was uninstalled before this was sent", cancellationToken);
            return;
        }

        while (due.Count > 0)
        {
            if (!await SendAsync(installation, due, recovering: true, lease, cancellationToken))
            {
                return;
            }

            due = await store.Outbox.DueAsync(memberId, 500, cancellationToken);
        }
    }

    /// <summary>Sends effects; false when the portal failed them (they stay recorded, to be retried).</summary>
    private async Task<bool> SendAsync(Installation installation, IReadOnlyList<Effect> effects, bool recovering, WorkLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await sender.SendAsync(installation.MemberId, clients.For(installation.MemberId, installation.Plan), effects, recovering, lease.RenewAsync, cancellationToken);
            return true;
        }
        catch (Bitrix24Exception e)
        {
            WorkLog.PortalFailed(log, installation.MemberId, e.Method, e.Code);
            return false;
        }
    }

    /// <summary>Reads, diffs and decides; commits the decisions; returns the effects to send.</summary>
    private async Task<IReadOnlyList<Effect>> DecideAsync(Installation installation, IReadOnlyList<InboxItem> items, WorkLease lease, CancellationToken cancellationToken)
    {
        var memberId = installation.MemberId;
        var template = await templates.GetAsync(installation.TemplateKey!);
        var ledger = await store.Ledgers.LoadAsync(memberId, template.Key, cancellationToken);
        var client = clients.For(memberId, installation.Plan);
        var mapper = new ItemMapper(template, ledger, await listItems.GetAsync(memberId, client, cancellationToken));
        var plan = installation.Plan ?? PlanCatalog.PlansOf(CrmKind.Bitrix24)[^1];
        var businessCalendar = BusinessCalendar.From(installation.Settings);
        var calendar = new CalendarArithmetic(businessCalendar);
        var engine = new AutomationEngine(template, (condition, item) => ConditionEvaluator.Evaluate(condition, item), calendar, EnabledAutomations(ledger));
        var now = time.GetUtcNow();
        ProcessContext Context(string entity, IReadOnlyDictionary<string, string>? properties = null) =>
            new(now, businessCalendar, properties ?? new Dictionary<string, string>(StringComparer.Ordinal)) { Describe = (field, value) => mapper.Display(entity, field, value), Template = template };

        var done = new List<long>();
        var failed = new Dictionary<long, string>();
        var deleted = new List<(string Entity, long Id)>();
        var effects = new List<Effect>();
        var audit = new List<AuditEntry>();

        // Deletions need no read: the item is gone, so is its snapshot.
        foreach (var gone in items.Where(i => i.Kind == "event" && i.Payload.Value<string>("event")?.EndsWith("DELETE", StringComparison.Ordinal) == true))
        {
            deleted.Add((gone.Entity!, gone.ItemId!.Value));
            done.Add(gone.Id);
        }

        // Robot calls that cannot run are not read: they are answered with why.
        var refused = new List<(InboxItem Call, string Why)>();
        foreach (var call in items.Where(i => i.Kind == "robot"))
        {
            if (CannotRun(template, call) is { } why)
            {
                refused.Add((call, why));
            }
        }

        var robotKeys = items.Where(i => i.Kind == "robot").SelectMany(c => new[] { AnswerKey(memberId, c), AnswerKey(memberId, c) + ":process" }).ToList();
        var known = new HashSet<string>(await store.Outbox.KnownAsync(robotKeys, cancellationToken), StringComparer.Ordinal);

        var live = items.Where(i => !done.Contains(i.Id) && !refused.Any(r => r.Call.Id == i.Id) && i.Entity is not null && i.ItemId is not null).ToList();
        var targets = live.Select(i => (Entity: i.Entity!, Id: i.ItemId!.Value)).Distinct().ToList();
        var read = targets.Count == 0
            ? new BatchResult([], 0)
            : await client.BatchAsync([.. targets.Select(t => new BatchCommand(ReadKey(t.Entity, t.Id), $"crm.{t.Entity}.get", new JObject { ["id"] = t.Id }))], cancellationToken: cancellationToken);

        var snapshots = new Dictionary<(string, long), EntitySnapshot>();
        foreach (var entity in targets.Select(t => t.Entity).Distinct())
        {
            var found = await store.Snapshots.GetManyAsync(memberId, entity, [.. targets.Where(t => t.Entity == entity).Select(t => t.Id)], cancellationToken);
            foreach (var (id, snapshot) in found)
            {
                snapshots[(entity, id)] = snapshot;
            }
        }

        var contacts = await LinkedContactsAsync(template, mapper, client, targets, read, cancellationToken);
        var decidedItems = new List<DecidedItem>();
        var fired = new List<(AutomationRun Run, ItemChange? Change, JObject Raw)>();
        var schedule = new List<ScheduledCheck>();
        var cancel = new List<string>();
        var decided = new HashSet<(string Entity, long Id, string Process)>();
        var robotDecisions = new List<(ItemState Item, ItemChange Change, JObject Raw, ProcessDecision Decision, string Key, string Cause)>();
        foreach (var group in live.GroupBy(i => (Entity: i.Entity!, Id: i.ItemId!.Value)))
        {
            var result = read[ReadKey(group.Key.Entity, group.Key.Id)];
            if (!result.Succeeded)
            {
                if (IsNotFound(result))
                {
                    deleted.Add(group.Key);
                    done.AddRange(group.Where(i => i.Kind != "robot").Select(i => i.Id));
                    refused.AddRange(group.Where(i => i.Kind == "robot").Select(i => (i, $"Error: {group.Key.Entity} {ItemMapper.Id(group.Key.Id)} does not exist (deleted?); the robot did nothing.")));
                }
                else
                {
                    foreach (var item in group)
                    {
                        failed[item.Id] = Failure(result);
                    }
                }

                continue;
            }

            var raw = (JObject)result.Result!;
            var after = mapper.ToState(group.Key.Entity, group.Key.Id, raw);
            if (group.Key.Entity == "deal" && contacts.TryGetValue(raw.Value<string>("CONTACT_ID") ?? string.Empty, out var contact))
            {
                // Conditions and texts may name the linked contact's fields (contact.CLIENT_KIND).
                var fields = new Dictionary<string, object?>(after.Fields, StringComparer.Ordinal);
                foreach (var (name, value) in contact.Fields)
                {
                    fields["contact." + name] = value;
                }

                after = after with { Fields = fields };
            }

            snapshots.TryGetValue(group.Key, out var snapshot);
            var before = snapshot is null ? null : mapper.ToState(group.Key.Entity, group.Key.Id, snapshot.Fields);
            var created = snapshot is null && group.Any(i => i.Payload.Value<string>("event")?.EndsWith("ADD", StringComparison.Ordinal) == true);
            var change = ItemChange.Between(before, after, created);

            var decisions = new List<(string Process, ProcessDecision Decision)>();
            foreach (var definition in template.Processes.Where(p => EnumNames.Of(p.Entity) == group.Key.Entity && PlanCatalog.Includes(CrmKind.Bitrix24, plan, p.RequiresPlan)))
            {
                var rule = processes.For(definition);
                if (group.Any(i => i.Kind == "event") && rule.IsTriggeredBy(definition, change))
                {
                    decisions.Add((definition.Key, rule.Decide(definition, after, Context(group.Key.Entity))));
                    decided.Add((group.Key.Entity, group.Key.Id, definition.Key));
                }
            }

            // The template's automations: what this change fires or schedules, and the delayed checks that came due.
            if (group.Any(i => i.Kind == "event"))
            {
                var outcome = engine.OnChange(change, now);
                fired.AddRange(outcome.Runs.Select(r => (r, (ItemChange?)change, raw)));
                schedule.AddRange(outcome.Schedule);
                cancel.AddRange(outcome.Cancel);
            }

            foreach (var due in group.Where(i => i.Kind == "check"))
            {
                var outcome = engine.OnDue(due.Payload.ToObject<ScheduledCheck>()!, after, now);
                fired.AddRange(outcome.Runs.Select(r => (r, (ItemChange?)null, raw)));
                schedule.AddRange(outcome.Schedule);
            }

            var answers = new List<(InboxItem Call, BatchCommand Answer)>();
            foreach (var call in group.Where(i => i.Kind == "robot"))
            {
                var robot = template.Robots.FirstOrDefault(r => r.Code == call.Payload.Value<string>("code"));
                var definition = template.Processes.FirstOrDefault(p => p.Key == robot?.Process);
                var properties = (call.Payload["properties"] as JObject)?.Properties().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal)
                    ?? new Dictionary<string, string>(StringComparer.Ordinal);
                var decision = definition is null ? ProcessDecision.None : processes.For(definition).Decide(definition, after, Context(group.Key.Entity, properties));
                decisions.Add((robot?.Process ?? "unknown", decision));
                var answerKey = AnswerKey(memberId, call);
                if (!known.Contains(answerKey + ":process"))
                {
                    robotDecisions.Add((after, change, raw, decision, answerKey + ":process", $"robot {call.Payload.Value<string>("code")}: {decision.Reason}"));
                }

                if (!known.Contains(answerKey))
                {
                    answers.Add((call, AnswerCommand(call, Returns(decision.Returns), decision.Reason)));
                }
            }

            // Only what differs from the item as it is now is written.
            var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var (_, decision) in decisions)
            {
                foreach (var (field, value) in decision.SetFields)
                {
                    if (!FieldValues.Equal(after[field], value))
                    {
                        changes[field] = value;
                    }
                }
            }

            decidedItems.Add(new DecidedItem(group.Key.Entity, group.Key.Id, [.. group], raw, changes, mapper.ToUpdate(group.Key.Entity, changes), decisions, answers));
        }

        var fireKeys = fired.SelectMany(f => Enumerable.Range(0, f.Run.Automation.Actions.Count).Select(i => (f.Run, Index: i))).ToList();
        var actions = new AutomationActions(installation, template, mapper, processes, calendar, entity => Context(entity), await SupervisorsAsync(installation, fired, client, cancellationToken), now)
        {
            History = await DealHistory.ReadAsync(DealHistory.Concerned(fired.Select(f => f.Run)), client, cancellationToken),
            Conversions = await LeadConversions.ReadAsync(LeadConversions.Concerned(template, fired.Select(f => (f.Run, f.Raw)), robotDecisions.Select(r => (r.Item, r.Raw, r.Decision))), mapper, client, cancellationToken),
        };
        known.UnionWith(await store.Outbox.KnownAsync([.. fireKeys.Select(k => actions.AuditKey(k.Run, k.Index))], cancellationToken));
        actions.ProcessesRun.UnionWith(decided);
        foreach (var (run, change, raw) in fired)
        {
            var keys = Enumerable.Range(0, run.Automation.Actions.Count).Select(i => actions.AuditKey(run, i));
            actions.Add(run, change, raw, new HashSet<string>(keys.Where(known.Contains), StringComparer.Ordinal));
        }

        foreach (var (item, change, raw, decision, key, cause) in robotDecisions)
        {
            actions.AddRobotDecision(item, change, raw, decision, key, cause);
        }

        var newSnapshots = new List<EntitySnapshot>();
        var jobs = new List<ScheduledJob>();
        var cancelled = new List<string>();
        foreach (var item in decidedItems)
        {
            // The snapshot is the item as it will be after our writes, so the echo of our own update changes nothing.
            var fields = (JObject)item.Raw.DeepClone();
            foreach (var property in item.Update.Properties().Concat(actions.Updates.GetValueOrDefault((item.Entity, item.Id))?.Properties() ?? []))
            {
                fields[property.Name] = property.Value.DeepClone();
            }

            newSnapshots.Add(new EntitySnapshot(memberId, item.Entity, item.Id, fields, now));
            cancelled.AddRange(cancel.Where(c => c.Contains($":{item.Entity}:{ItemMapper.Id(item.Id)}:", StringComparison.Ordinal)).Select(prefix => $"{memberId}:{prefix}"));
            jobs.AddRange(schedule.Where(c => c.Entity == item.Entity && c.ItemId == item.Id).Select(check =>
                new ScheduledJob { Key = $"{memberId}:{check.Key}", MemberId = memberId, Kind = JobKinds.AutomationCheck, DueAt = check.DueAt, Payload = JObject.FromObject(check) }));
            Decisions(installation, mapper, item, now, effects, audit);
            foreach (var (call, answer) in item.Answers)
            {
                effects.Add(Bitrix24Effects.Create(
                    new AuditEntry { MemberId = memberId, At = now, Entity = item.Entity, ItemId = item.Id, Action = "robotAnswer", Cause = $"robot {call.Payload.Value<string>("code")}", Key = AnswerKey(memberId, call) },
                    [answer],
                    now));
            }

            done.AddRange(item.Items.Select(i => i.Id));
        }

        foreach (var (entry, commands) in actions.Effects)
        {
            if (commands.Count > 0)
            {
                effects.Add(Bitrix24Effects.Create(entry, commands, now));
            }
            else
            {
                audit.Add(entry);
            }
        }

        foreach (var (call, why) in refused)
        {
            done.Add(call.Id);
            if (known.Contains(AnswerKey(memberId, call)))
            {
                continue;
            }

            WorkLog.RobotNotRun(log, memberId, call.Payload.Value<string>("code") ?? string.Empty, call.Entity ?? string.Empty, call.ItemId ?? 0, why);
            effects.Add(Bitrix24Effects.Create(
                new AuditEntry { MemberId = memberId, At = now, Entity = call.Entity, ItemId = call.ItemId, Action = "robotError", Cause = $"robot {call.Payload.Value<string>("code")}: {why}", Key = AnswerKey(memberId, call) },
                [AnswerCommand(call, new JObject(), why)],
                now));
        }

        await store.Outbox.CommitAsync(
            new WorkCommit
            {
                MemberId = memberId,
                Snapshots = newSnapshots,
                Deleted = deleted,
                Effects = effects,
                Audit = audit,
                CancelJobs = cancelled,
                ScheduleJobs = jobs,
                Completed = [.. items.Where(i => done.Contains(i.Id) && !failed.ContainsKey(i.Id))],
                Fence = lease.Fence,
            },
            cancellationToken);
        foreach (var group in failed.GroupBy(f => f.Value))
        {
            await store.Inbox.ReleaseAsync([.. group.Select(f => f.Key)], group.Key, options.Value.RetryAfter, options.Value.MaxAttempts, cancellationToken);
        }

        WorkLog.Processed(log, memberId, items.Count, targets.Count, effects.Count, failed.Count);
        return effects;
    }

    /// <summary>
    /// The item's process decisions: each that writes (its own changed fields, its comments) becomes one effect, audited
    /// when it lands; one that writes nothing is audited at once ("evaluate").
    /// </summary>
    private void Decisions(Installation installation, ItemMapper mapper, DecidedItem item, DateTimeOffset now, List<Effect> effects, List<AuditEntry> audit)
    {
        var occurrence = item.Items.Max(i => i.Id).ToString(CultureInfo.InvariantCulture);
        for (var index = 0; index < item.Decisions.Count; index++)
        {
            var (process, decision) = item.Decisions[index];
            if (decision.IsEmpty)
            {
                continue;
            }

            if (log.IsEnabled(LogLevel.Information))
            {
                // The decision in words ("admission scoring: total 370 < 425; «Допуск к тесту» yes → no").
                var words = DecisionWords.Of(mapper, mapper.ToState(item.Entity, item.Id, item.Raw), decision, item.Changes);
                WorkLog.Decided(log, installation.MemberId, item.Entity, item.Id, words);
            }

            var own = item.Changes.Where(c => decision.SetFields.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
            var entry = new AuditEntry
            {
                MemberId = installation.MemberId,
                At = now,
                Entity = item.Entity,
                ItemId = item.Id,
                Action = own.Count > 0 ? "setFields" : "evaluate",
                Cause = $"{process}: {decision.Reason}",
                Detail = new JObject { ["set"] = JObject.FromObject(own), ["comments"] = decision.Comments.Count },
                Key = $"{installation.MemberId}:{item.Entity}:{ItemMapper.Id(item.Id)}:decision:{occurrence}:{index.ToString(CultureInfo.InvariantCulture)}",
            };
            var commands = new List<BatchCommand>();
            var update = mapper.ToUpdate(item.Entity, own);
            if (update.Count > 0)
            {
                commands.Add(new BatchCommand(WriteKey(item.Entity, item.Id), $"crm.{item.Entity}.update", new JObject { ["id"] = item.Id, ["fields"] = update }));
            }

            commands.AddRange(decision.Comments.Select((comment, i) => new BatchCommand($"comment{i.ToString(CultureInfo.InvariantCulture)}", "crm.timeline.comment.add", new JObject
            {
                ["fields"] = new JObject { ["ENTITY_ID"] = item.Id, ["ENTITY_TYPE"] = item.Entity, ["COMMENT"] = comment },
            })));
            if (commands.Count > 0)
            {
                effects.Add(Bitrix24Effects.Create(entry, commands, now));
            }
            else
            {
                audit.Add(entry);
            }
        }
    }

    /// <summary>
    /// The contacts linked to the deals being processed, read in one more batch — only when a deal automation's condition
    /// or a required field names a contact field (seed 004: the priority client, «Вид клиента» = «Автопарк»), or an
    /// automation e-mails the contact, or the template issues invoices (they go to the contact).
    /// </summary>
    private static async Task<Dictionary<string, ItemState>> LinkedContactsAsync(CrmTemplate template, ItemMapper mapper, Crm.Connector.Bitrix24.Bitrix24Client client, IReadOnlyList<(string Entity, long Id)> targets, BatchResult read, CancellationToken cancellationToken)
    {
        static bool NamesContact(Templates.Model.Conditions.Condition? condition) => condition switch
        {
            Templates.Model.Conditions.FieldCondition f => f.Field.StartsWith("contact.", StringComparison.Ordinal),
            Templates.Model.Conditions.AllCondition all => all.All.Any(NamesContact),
            Templates.Model.Conditions.AnyCondition any => any.Any.Any(NamesContact),
            Templates.Model.Conditions.NotCondition not => NamesContact(not.Not),
            _ => false,
        };

        var result = new Dictionary<string, ItemState>(StringComparer.Ordinal);
        if (!template.Automations.Any(a => a.Entity == CrmEntity.Deal && (NamesContact(a.Condition)
            || a.Actions.OfType<Templates.Model.Actions.RequireFieldsAction>().Any(r => r.Fields.Any(f => f.StartsWith("contact.", StringComparison.Ordinal)))
            || a.Actions.OfType<Templates.Model.Actions.EmailAction>().Any(e => e.To.Kind == RecipientKind.Contact)))
            && !template.Processes.OfType<Templates.Model.Processes.InvoiceProcess>().Any())
        {
            return result;
        }

        var ids = targets.Where(t => t.Entity == "deal")
            .Select(t => read[ReadKey(t.Entity, t.Id)])
            .Where(r => r.Succeeded && r.Result is JObject)
            .Select(r => ((JObject)r.Result!).Value<string>("CONTACT_ID"))
            .Where(id => id is { Length: > 0 } and not "0")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (ids.Count == 0)
        {
            return result;
        }

        var contacts = await client.BatchAsync([.. ids.Select(id => new BatchCommand("contact" + id, "crm.contact.get", new JObject { ["id"] = id }))], cancellationToken: cancellationToken);
        foreach (var id in ids)
        {
            if (contacts["contact" + id] is { Succeeded: true, Result: JObject raw })
            {
                result[id!] = mapper.ToState("contact", long.Parse(id!, System.Globalization.CultureInfo.InvariantCulture), raw);
            }
        }

        return result;
    }

    /// <summary>The automations the portal's plan installed (the ledger's record); null = an older ledger without one, so all.</summary>
    private static HashSet<string>? EnabledAutomations(Crm.Connector.Installer.Ledger.ProvisioningLedger ledger) =>
        ledger.AppAutomations.Count == 0
            ? null
            : [.. ledger.AppAutomations.Select(k => Crm.Connector.Installer.ResourceKey.Parse(k).Path)];

    /// <summary>
    /// The supervisor of each responsible user an automation addresses "the supervisor" for: the head of the user's
    /// department, or of the parent department when the user heads their own (two batch reads, only when needed; a
    /// supervisor set in the installation settings needs none).
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, string>> SupervisorsAsync(Installation installation, IReadOnlyList<(AutomationRun Run, ItemChange? Change, JObject Raw)> fired, Crm.Connector.Bitrix24.Bitrix24Client client, CancellationToken cancellationToken)
    {
        var users = fired
            .Where(f => f.Run.Automation.Actions.Any(a => a is Templates.Model.Actions.NotifyAction { To.Kind: RecipientKind.Supervisor } or Templates.Model.Actions.TaskAction { To.Kind: RecipientKind.Supervisor } or Templates.Model.Actions.CallbackAction { To.Kind: RecipientKind.Supervisor }))
            .Select(f => FieldValues.Text(f.Run.Item[BuiltInFields.Responsible]))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (users.Count == 0 || installation.Settings.Value<string>("supervisor") is not null)
        {
            return result;
        }

        var found = await client.BatchAsync([.. users.Select(u => new BatchCommand("u" + u, "user.get", new JObject { ["ID"] = u }))], cancellationToken: cancellationToken);
        var departmentOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            if (found["u" + user] is { Succeeded: true, Result: JArray { Count: > 0 } list } && list[0]["UF_DEPARTMENT"] is JArray { Count: > 0 } departments)
            {
                departmentOf[user] = departments[0].ToString();
            }
        }

        if (departmentOf.Count == 0)
        {
            return result;
        }

        var all = await client.BatchAsync([new BatchCommand("d", "department.get", new JObject())], cancellationToken: cancellationToken);
        var heads = (all["d"].Result as JArray ?? []).OfType<JObject>().ToDictionary(d => d.Value<string>("ID") ?? string.Empty, d => (Head: d.Value<string>("UF_HEAD"), Parent: d.Value<string>("PARENT")), StringComparer.Ordinal);
        foreach (var (user, department) in departmentOf)
        {
            var (head, parent) = heads.GetValueOrDefault(department);
            if (head == user && parent is not null)
            {
                head = heads.GetValueOrDefault(parent).Head;
            }

            if (head is { Length: > 0 } && head != "0" && head != user)
            {
                result[user] = head;
            }
        }

        return result;
    }

    private static JObject Returns(IReadOnlyDictionary<string, object?> values)
    {
        var result = new JObject();
        foreach (var (key, value) in values)
        {
            result[key] = value switch
            {
                // Robot bool properties take Y/N (bitrix24-rest.md §5.1).
                bool b => b ? "Y" : "N",
                null => string.Empty,
                _ => JToken.FromObject(value),
            };
        }

        return result;
    }

    /// <summary>
    /// Why a robot call cannot run at all, or null when it can: the installed template has no robot with its code any
    /// more, or the robot is not for the kind of item it was run on (a deal robot placed in a lead's automation).
    /// </summary>
    private static string? CannotRun(CrmTemplate template, InboxItem call)
    {
        var code = call.Payload.Value<string>("code");
        var robot = template.Robots.FirstOrDefault(r => r.Code == code);
        if (robot is null)
        {
            return $"Error: the app has no robot '{code}' on this portal any more; the robot did nothing.";
        }

        if (call.Entity is null || !robot.Entities.Any(e => EnumNames.Of(e) == call.Entity))
        {
            var kinds = string.Join(" and ", robot.Entities.Select(e => EnumNames.Of(e) + "s"));
            return $"Error: this robot works on {kinds} only; it was run on {call.Entity} {(call.ItemId is { } id ? ItemMapper.Id(id) : "?")} and did nothing.";
        }

        return null;
    }

    /// <summary><c>bizproc.event.send</c> answering a robot call.</summary>
    private static BatchCommand AnswerCommand(InboxItem call, JObject returns, string logMessage) =>
        new($"answer{call.Id}", "bizproc.event.send", new JObject
        {
            ["EVENT_TOKEN"] = call.Payload.Value<string>("eventToken"),
            ["RETURN_VALUES"] = returns,
            ["LOG_MESSAGE"] = logMessage,
        });

    private static string Failure(BatchCommandResult result) => $"{result.Method}: {result.ErrorCode} {result.ErrorDescription}";

    /// <summary>The audit key that records a robot call as answered (so it is answered once).</summary>
    private static string AnswerKey(string memberId, InboxItem call) => $"{memberId}:robot:{call.Payload.Value<string>("eventToken")}";

    private static bool IsNotFound(BatchCommandResult result) =>
        result.ErrorCode == Bitrix24ErrorCodes.NotFound || (result.ErrorDescription?.Contains("not found", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string ReadKey(string entity, long id) => $"read{entity}{id}";

    /// <summary>An item read and decided in this claim.</summary>
    private sealed record DecidedItem(
        string Entity,
        long Id,
        IReadOnlyList<InboxItem> Items,
        JObject Raw,
        IReadOnlyDictionary<string, object?> Changes,
        JObject Update,
        IReadOnlyList<(string Process, ProcessDecision Decision)> Decisions,
        IReadOnlyList<(InboxItem Call, BatchCommand Answer)> Answers);

    private static string WriteKey(string entity, long id) => $"write{entity}{id}";
}
