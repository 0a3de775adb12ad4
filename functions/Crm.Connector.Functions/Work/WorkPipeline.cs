using System.Globalization;
using Crm.Connector.Automation;
using Crm.Connector.Automation.Conditions;
using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Automation.Time;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Storage;
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

namespace Crm.Connector.Functions.Work;

/// <summary>
/// One claimed batch of an installation's work, CRM-neutral: claim → read → diff → decide → commit → send → audit.
/// Every item concerned is read in as few requests as its CRM allows (<see cref="ICrmWorkSession.ReadAsync"/>), compared
/// with its snapshot to find what changed, and run through the template's business processes and automations; the
/// <see cref="ActionPlanner"/> decides what each action does and the CRM's writer turns it into requests. What was
/// decided is committed to the store in one transaction before anything is written — the snapshots as the items will be
/// after our writes (so the echoes of our own writes change nothing), each write as an effect under its occurrence key,
/// the delayed checks, and the inbox items done — and only then sent (<see cref="ICrmWorkAdapter.SendAsync"/>): a crash
/// before the commit leaves the claim to be decided again from the same state, a crash after it leaves effects that are
/// looked for in the CRM before they are sent again. Items whose read failed go back to the inbox, each on its own.
/// </summary>
public sealed class WorkPipeline(IStore store, IEnumerable<ICrmWorkAdapter> adapters, TemplateProvider templates, ProcessRegistry processes, IOptions<WorkerOptions> options, TimeProvider time, ILogger<WorkPipeline> log)
{
    private readonly Dictionary<string, ICrmWorkAdapter> _adapters = adapters.ToDictionary(a => a.Crm, StringComparer.Ordinal);

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

        var adapter = AdapterOf(installation);
        IReadOnlyList<Effect> effects;
        try
        {
            effects = await DecideAsync(adapter, installation, items, lease, cancellationToken);
        }
        catch (Exception e) when (adapter.FailureOf(e) is { } failure)
        {
            WorkLog.PortalFailed(log, memberId, failure);
            await store.Inbox.ReleaseAsync([.. items.Select(i => i.Id)], failure, options.Value.RetryAfter, options.Value.MaxAttempts, cancellationToken);
            return;
        }

        await SendAsync(adapter, installation, effects, recovering: false, lease, cancellationToken);
    }

    /// <summary>
    /// Sends the installation's recorded effects that are due — left by a sender that died or whose answers were lost, or
    /// waiting for a retry — each looked for in the CRM first. Run by the lease holder before it claims new work.
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

        var adapter = AdapterOf(installation);
        while (due.Count > 0)
        {
            if (!await SendAsync(adapter, installation, due, recovering: true, lease, cancellationToken))
            {
                return;
            }

            due = await store.Outbox.DueAsync(memberId, 500, cancellationToken);
        }
    }

    private ICrmWorkAdapter AdapterOf(Installation installation) =>
        _adapters.TryGetValue(installation.Crm, out var adapter)
            ? adapter
            : throw new InvalidOperationException($"Installation {installation.MemberId} is on '{installation.Crm}', which this build of the app has no worker for.");

    /// <summary>Sends effects; false when the CRM failed them (they stay recorded, to be retried).</summary>
    private async Task<bool> SendAsync(ICrmWorkAdapter adapter, Installation installation, IReadOnlyList<Effect> effects, bool recovering, WorkLease lease, CancellationToken cancellationToken)
    {
        try
        {
            await adapter.SendAsync(installation, effects, recovering, lease.RenewAsync, cancellationToken);
            return true;
        }
        catch (Exception e) when (adapter.FailureOf(e) is { } failure)
        {
            WorkLog.PortalFailed(log, installation.MemberId, failure);
            return false;
        }
    }

    /// <summary>Reads, diffs and decides; commits the decisions; returns the effects to send.</summary>
    private async Task<IReadOnlyList<Effect>> DecideAsync(ICrmWorkAdapter adapter, Installation installation, IReadOnlyList<InboxItem> items, WorkLease lease, CancellationToken cancellationToken)
    {
        var memberId = installation.MemberId;
        var template = await templates.GetAsync(installation.TemplateKey!);
        var ledger = await store.Ledgers.LoadAsync(memberId, template.Key, cancellationToken);
        var session = await adapter.OpenAsync(installation, template, ledger, cancellationToken);
        var claim = new Claim(installation, template, ledger, session, adapter.Kind, time.GetUtcNow());

        // Deletions need no read: the item is gone, so is its snapshot.
        foreach (var gone in items.Where(IsDeletion))
        {
            claim.Deleted.Add((gone.Entity!, gone.ItemId!.Value));
            claim.Done.Add(gone.Id);
        }

        // Calls that cannot run are not read: they are answered with why.
        var calls = items.Where(IsCall).ToList();
        claim.Refused.AddRange(session.Screen(calls));
        claim.Known.UnionWith(await store.Outbox.KnownAsync(session.CallKeys(calls), cancellationToken));

        var live = items.Where(i => !claim.Done.Contains(i.Id) && !claim.Refused.Any(r => r.Call.Id == i.Id) && i.Entity is not null && i.ItemId is not null).ToList();
        var targets = live.Select(i => new ItemRef(i.Entity!, i.ItemId!.Value)).Distinct().ToList();
        var read = targets.Count == 0 ? new Dictionary<ItemRef, ItemRead>() : await session.ReadAsync(targets, cancellationToken);
        var snapshots = await SnapshotsAsync(memberId, targets, cancellationToken);
        foreach (var group in live.GroupBy(i => new ItemRef(i.Entity!, i.ItemId!.Value)))
        {
            Decide(claim, [.. group], read.GetValueOrDefault(group.Key) ?? ItemRead.Failed("the CRM's answer did not include it"), snapshots.GetValueOrDefault(group.Key));
        }

        var planner = await PlanAsync(claim, cancellationToken);
        var commit = Commit(claim, planner, lease, items);
        await store.Outbox.CommitAsync(commit, cancellationToken);
        foreach (var group in claim.Failed.GroupBy(f => f.Value))
        {
            await store.Inbox.ReleaseAsync([.. group.Select(f => f.Key)], group.Key, options.Value.RetryAfter, options.Value.MaxAttempts, cancellationToken);
        }

        WorkLog.Processed(log, memberId, items.Count, targets.Count, commit.Effects.Count, claim.Failed.Count);
        return [.. commit.Effects];
    }

    private async Task<Dictionary<ItemRef, EntitySnapshot>> SnapshotsAsync(string memberId, IReadOnlyList<ItemRef> targets, CancellationToken cancellationToken)
    {
        var snapshots = new Dictionary<ItemRef, EntitySnapshot>();
        foreach (var entity in targets.Select(t => t.Entity).Distinct())
        {
            var found = await store.Snapshots.GetManyAsync(memberId, entity, [.. targets.Where(t => t.Entity == entity).Select(t => t.Id)], cancellationToken);
            foreach (var (id, snapshot) in found)
            {
                snapshots[new ItemRef(entity, id)] = snapshot;
            }
        }

        return snapshots;
    }

    /// <summary>One item's claimed work: what changed, what the processes decide, what the automations fire or schedule.</summary>
    private void Decide(Claim claim, IReadOnlyList<InboxItem> group, ItemRead read, EntitySnapshot? snapshot)
    {
        var key = new ItemRef(group[0].Entity!, group[0].ItemId!.Value);
        if (read.NotFound)
        {
            claim.Deleted.Add((key.Entity, key.Id));
            claim.Done.AddRange(group.Where(i => !IsCall(i)).Select(i => i.Id));
            claim.Refused.AddRange(group.Where(IsCall).Select(i => (i, $"Error: {key.Entity} {key.Id.ToString(CultureInfo.InvariantCulture)} does not exist (deleted?); the robot did nothing.")));
            return;
        }

        if (read.State is not { } after || read.Raw is not { } raw)
        {
            foreach (var item in group)
            {
                claim.Failed[item.Id] = read.Failure ?? "the item could not be read";
            }

            return;
        }

        var mapper = claim.Session.Mapper;
        var before = snapshot is null ? null : mapper.ToState(key.Entity, key.Id, snapshot.Fields);
        var created = snapshot is null && group.Any(IsCreation);
        var change = ItemChange.Between(before, after, created);

        // A fact from outside the CRM reads the item too: a change it finds is the CRM's, and runs as an event's would.
        var events = group.Any(i => i.Kind is "event" or InboxKinds.Fact);

        var decisions = new List<(string Process, ProcessDecision Decision)>();
        foreach (var definition in claim.Template.Processes.Where(p => EnumNames.Of(p.Entity) == key.Entity && PlanCatalog.Includes(claim.Kind, claim.Plan, p.RequiresPlan)))
        {
            var rule = processes.For(definition);
            if (events && rule.IsTriggeredBy(definition, change))
            {
                decisions.Add((definition.Key, rule.Decide(definition, after, claim.Context(key.Entity))));
                claim.DecidedProcesses.Add((key.Entity, key.Id, definition.Key));
            }
        }

        decisions.AddRange(DecideFacts(claim, group, key, after));

        // The template's automations: what this change fires or schedules, and the delayed checks that came due.
        if (events)
        {
            var outcome = claim.Engine.OnChange(change, claim.Now);
            claim.Fired.AddRange(outcome.Runs.Select(r => (r, (ItemChange?)change, raw)));
            claim.Schedule.AddRange(outcome.Schedule);
            claim.Cancel.AddRange(outcome.Cancel);
        }

        foreach (var due in group.Where(i => i.Kind == "check"))
        {
            var outcome = claim.Engine.OnDue(due.Payload.ToObject<ScheduledCheck>()!, after, claim.Now);
            claim.Fired.AddRange(outcome.Runs.Select(r => (r, (ItemChange?)null, raw)));
            claim.Schedule.AddRange(outcome.Schedule);
        }


        // The decisions so far are the item's own (its triggers, facts from outside the CRM); the calls' extras are
        // written by the planner from their planned decisions, so only their values and comments go with these.
        var own = decisions.Count;
        var calls = claim.Session.RunCalls([.. group.Where(IsCall)], after, change, raw, claim.Known, properties => claim.Context(key.Entity, properties));
        decisions.AddRange(calls.Decisions);
        claim.Planned.AddRange(calls.Planned);

        // Only what differs from the item as it is now is written.
        var changes = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (field, value) in decisions.SelectMany(d => d.Decision.SetFields))
        {
            if (!FieldValues.Equal(after[field], value))
            {
                changes[field] = value;
            }
        }

        claim.Items.Add(new DecidedItem(key, group, after, raw, changes, decisions, own));
    }

    /// <summary>Facts from a system outside the CRM (what 1C says of the item's invoice), each for a process of the template: the newest per process decides.</summary>
    private List<(string Process, ProcessDecision Decision)> DecideFacts(Claim claim, IReadOnlyList<InboxItem> group, ItemRef key, ItemState after)
    {
        var decisions = new List<(string Process, ProcessDecision Decision)>();
        foreach (var fact in group.Where(i => i.Kind == InboxKinds.Fact).GroupBy(i => i.Payload.Value<string>("process")).Select(g => g.MaxBy(i => i.Id)!))
        {
            var process = fact.Payload.Value<string>("process");
            if (claim.Template.Processes.FirstOrDefault(p => p.Key == process && PlanCatalog.Includes(claim.Kind, claim.Plan, p.RequiresPlan)) is { } definition)
            {
                var facts = fact.Payload["facts"]?.ToObject<Dictionary<string, string>>() ?? [];
                decisions.Add((definition.Key, processes.For(definition).Decide(definition, after, claim.Context(key.Entity, facts))));
                claim.DecidedProcesses.Add((key.Entity, key.Id, definition.Key));
            }
        }

        return decisions;
    }

    /// <summary>The planner with every action of the claim added: the automations' (not done before), the processes', the calls'.</summary>
    private async Task<ActionPlanner> PlanAsync(Claim claim, CancellationToken cancellationToken)
    {
        var actionKeys = claim.Fired.SelectMany(f => Enumerable.Range(0, f.Run.Automation.Actions.Count).Select(i => AuditKey(claim.Installation, f.Run, i))).ToList();
        claim.Known.UnionWith(await store.Outbox.KnownAsync(actionKeys, cancellationToken));
        var writer = await claim.Session.WriterAsync(new WriterInput(claim.Fired, claim.Planned, claim.Known, (run, index) => AuditKey(claim.Installation, run, index)), cancellationToken);
        var planner = new ActionPlanner(claim.Installation, claim.Template, claim.Session.Mapper, writer, processes, claim.Calendar, entity => claim.Context(entity), claim.Now);
        foreach (var item in claim.Items)
        {
            // A process's own decision first: its values are written in one request with its comments.
            var occurrence = item.Items.Max(i => i.Id).ToString(CultureInfo.InvariantCulture);
            for (var index = 0; index < item.Decisions.Count; index++)
            {
                var (process, decision) = item.Decisions[index];
                if (decision.IsEmpty)
                {
                    continue;
                }

                LogDecision(claim, item, decision);
                var own = item.Changes.Where(c => decision.SetFields.ContainsKey(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
                planner.AddDecision(item.State, process, decision, own, index < item.OwnDecisions ? item.Raw : null, $"{claim.Installation.MemberId}:{item.Key.Entity}:{item.Key.Id.ToString(CultureInfo.InvariantCulture)}:decision:{occurrence}:{index.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        planner.ProcessesRun.UnionWith(claim.DecidedProcesses);
        foreach (var (run, change, raw) in claim.Fired)
        {
            var keys = Enumerable.Range(0, run.Automation.Actions.Count).Select(i => AuditKey(claim.Installation, run, i));
            planner.Add(run, change, raw, new HashSet<string>(keys.Where(claim.Known.Contains), StringComparer.Ordinal));
        }

        foreach (var planned in claim.Planned)
        {
            planner.AddRobotDecision(planned.Item, planned.Change, planned.Raw, planned.Decision, planned.Key, planned.Cause);
        }

        claim.Writer = writer;
        return planner;
    }

    /// <summary>The claim's decisions as one store transaction.</summary>
    private static WorkCommit Commit(Claim claim, ActionPlanner planner, WorkLease lease, IReadOnlyList<InboxItem> items)
    {
        var memberId = claim.Installation.MemberId;
        var (effects, audit) = planner.Results();
        var allEffects = new List<Effect>(effects);
        allEffects.AddRange(claim.Session.CallEffects(claim.Refused, claim.Known, claim.Now));
        var newSnapshots = new List<EntitySnapshot>();
        var jobs = new List<ScheduledJob>();
        var cancelled = new List<string>();
        foreach (var item in claim.Items)
        {
            // The snapshot is the item as it will be after our writes, so the echo of our own update changes nothing.
            var fields = (JObject)item.Raw.DeepClone();
            foreach (var property in claim.Writer!.SnapshotPatches.GetValueOrDefault(item.Key)?.Properties() ?? [])
            {
                fields[property.Name] = property.Value.DeepClone();
            }

            var idText = item.Key.Id.ToString(CultureInfo.InvariantCulture);
            newSnapshots.Add(new EntitySnapshot(memberId, item.Key.Entity, item.Key.Id, fields, claim.Now));
            cancelled.AddRange(claim.Cancel.Where(c => c.Contains($":{item.Key.Entity}:{idText}:", StringComparison.Ordinal)).Select(prefix => $"{memberId}:{prefix}"));
            jobs.AddRange(claim.Schedule.Where(c => c.Entity == item.Key.Entity && c.ItemId == item.Key.Id).Select(check =>
                new ScheduledJob { Key = $"{memberId}:{check.Key}", MemberId = memberId, Kind = JobKinds.AutomationCheck, DueAt = check.DueAt, Payload = JObject.FromObject(check) }));

            // Work a process handed to a system outside the CRM, due now, under the occurrence that decided it — not for
            // an item sent back from the stage that asked for it (a required field missing: no invoice until it is filled).
            var occurrence = item.Items.Max(i => i.Id).ToString(CultureInfo.InvariantCulture);
            var sentBack = planner.SendsBack(item.Key.Entity, item.Key.Id);
            jobs.AddRange(item.Decisions.Where(_ => !sentBack).SelectMany(d => d.Decision.Jobs).Select(job =>
                new ScheduledJob { Key = $"{memberId}:{job.Key}:{occurrence}", MemberId = memberId, Kind = job.Kind, DueAt = claim.Now, Payload = JObject.FromObject(job.Values) }));
            claim.Done.AddRange(item.Items.Select(i => i.Id));
        }

        claim.Done.AddRange(claim.Refused.Select(r => r.Call.Id));
        return new WorkCommit
        {
            MemberId = memberId,
            Snapshots = newSnapshots,
            Deleted = claim.Deleted,
            Effects = allEffects,
            Audit = audit,
            CancelJobs = cancelled,
            ScheduleJobs = jobs,
            Completed = [.. items.Where(i => claim.Done.Contains(i.Id) && !claim.Failed.ContainsKey(i.Id))],
            Fence = lease.Fence,
        };
    }

    private void LogDecision(Claim claim, DecidedItem item, ProcessDecision decision)
    {
        if (log.IsEnabled(LogLevel.Information))
        {
            // The decision in words ("admission scoring: total 370 < 425; «Допуск к тесту» yes → no").
            var words = DecisionWords.Of(claim.Session.Mapper, claim.Session.Mapper.ToState(item.Key.Entity, item.Key.Id, item.Raw), decision, item.Changes);
            WorkLog.Decided(log, claim.Installation.MemberId, item.Key.Entity, item.Key.Id, words);
        }
    }

    /// <summary>The audit key of an action of a run: the occurrence, then the action's place in the automation.</summary>
    private static string AuditKey(Installation installation, AutomationRun run, int index) =>
        $"{installation.MemberId}:{run.OccurrenceKey}:{index.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A call into the app (a robot), as opposed to a CRM event, a delayed check or a fact from outside the CRM.</summary>
    private static bool IsCall(InboxItem item) => item.Kind is not ("event" or "check" or InboxKinds.Fact);

    /// <summary>An event saying the item was deleted (Bitrix24 <c>ONCRM…DELETE</c>; an amoCRM <c>…[delete]</c> has change <c>delete</c>).</summary>
    private static bool IsDeletion(InboxItem item) =>
        item.Kind == "event" && (item.Payload.Value<string>("change") == "delete" || item.Payload.Value<string>("event")?.EndsWith("DELETE", StringComparison.Ordinal) == true);

    private static bool IsCreation(InboxItem item) =>
        item.Payload.Value<string>("change") == "add" || item.Payload.Value<string>("event")?.EndsWith("ADD", StringComparison.Ordinal) == true;

    /// <summary>An item read and decided in this claim.</summary>
    private sealed record DecidedItem(
        ItemRef Key,
        IReadOnlyList<InboxItem> Items,
        ItemState State,
        JObject Raw,
        IReadOnlyDictionary<string, object?> Changes,
        IReadOnlyList<(string Process, ProcessDecision Decision)> Decisions,
        int OwnDecisions);

    /// <summary>Everything one claim gathers between its read and its commit.</summary>
    private sealed class Claim
    {
        public Claim(Installation installation, CrmTemplate template, Installer.Ledger.ProvisioningLedger ledger, ICrmWorkSession session, CrmKind kind, DateTimeOffset now)
        {
            Installation = installation;
            Template = template;
            Session = session;
            Kind = kind;
            Now = now;
            Plan = installation.Plan ?? PlanCatalog.PlansOf(kind)[^1];
            BusinessCalendar = BusinessCalendar.From(installation.Settings);
            Calendar = new CalendarArithmetic(BusinessCalendar);

            // The automations the plan installed (the ledger's record); an older ledger without one: all of them.
            HashSet<string>? enabled = ledger.AppAutomations.Count == 0 ? null : [.. ledger.AppAutomations.Select(k => Installer.ResourceKey.Parse(k).Path)];
            Engine = new AutomationEngine(template, (condition, item) => ConditionEvaluator.Evaluate(condition, item), Calendar, enabled);
        }

        public Installation Installation { get; }

        public CrmTemplate Template { get; }

        public ICrmWorkSession Session { get; }

        public CrmKind Kind { get; }

        public DateTimeOffset Now { get; }

        public string Plan { get; }

        public BusinessCalendar BusinessCalendar { get; }

        public CalendarArithmetic Calendar { get; }

        public AutomationEngine Engine { get; }

        public List<long> Done { get; } = [];

        public Dictionary<long, string> Failed { get; } = [];

        public List<(string Entity, long Id)> Deleted { get; } = [];

        public List<(InboxItem Call, string Why)> Refused { get; } = [];

        public HashSet<string> Known { get; } = new(StringComparer.Ordinal);

        public List<DecidedItem> Items { get; } = [];

        public List<(AutomationRun Run, ItemChange? Change, JObject Raw)> Fired { get; } = [];

        public List<ScheduledCheck> Schedule { get; } = [];

        public List<string> Cancel { get; } = [];

        public HashSet<(string Entity, long Id, string Process)> DecidedProcesses { get; } = [];

        public List<PlannedDecision> Planned { get; } = [];

        public IActionWriter? Writer { get; set; }

        public ProcessContext Context(string entity, IReadOnlyDictionary<string, string>? properties = null) =>
            new(Now, BusinessCalendar, properties ?? new Dictionary<string, string>(StringComparer.Ordinal)) { Describe = (field, value) => Session.Mapper.Display(entity, field, value), Template = Template };
    }
}
