using Crm.Connector.Automation;
using Crm.Connector.Automation.Engine;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Installer.Ledger;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Storage.Inbox;
using Crm.Connector.Storage.Installations;
using Crm.Connector.Templates.Model;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// One CRM's side of the worker (<see cref="WorkPipeline"/>): how its items are read and mapped, how decided actions
/// become its requests, and how recorded effects are sent and found again after a crash. The pipeline itself — claim,
/// read, diff, decide, commit, send, audit — knows no CRM.
/// </summary>
public interface ICrmWorkAdapter
{
    /// <summary>The installations' <see cref="Installation.Crm"/> this adapter serves.</summary>
    string Crm { get; }

    CrmKind Kind { get; }

    /// <summary>A session for one claim of <paramref name="installation"/>'s work.</summary>
    Task<ICrmWorkSession> OpenAsync(Installation installation, CrmTemplate installed, ProvisioningLedger ledger, CancellationToken cancellationToken);

    /// <summary>
    /// Sends recorded effects and confirms those that landed; <paramref name="recovering"/> when they may have been sent
    /// before (each is looked for first). <paramref name="stillHeld"/> is asked before each request.
    /// </summary>
    Task SendAsync(Installation installation, IReadOnlyList<Effect> effects, bool recovering, Func<CancellationToken, Task<bool>> stillHeld, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="exception"/> in words (<c>method: code</c>) when it is this CRM refusing or failing — the work goes
    /// back to the inbox to be retried — or null when it is not (a bug, which is not hidden).
    /// </summary>
    string? FailureOf(Exception exception);
}

/// <summary>One claim's dealings with the CRM; made by <see cref="ICrmWorkAdapter.OpenAsync"/>, used by one pipeline run.</summary>
public interface ICrmWorkSession
{
    IItemMapper Mapper { get; }

    /// <summary>
    /// Of inbox items that are calls into the app (kinds other than <c>event</c> and <c>check</c>: Bitrix24's robot
    /// calls), those that cannot run at all, with why — answered without a read.
    /// </summary>
    IReadOnlyList<(InboxItem Call, string Why)> Screen(IReadOnlyList<InboxItem> calls);

    /// <summary>Outbox keys the session needs to know are done already (a call answered before a crash).</summary>
    IReadOnlyList<string> CallKeys(IReadOnlyList<InboxItem> calls);

    /// <summary>Reads the items (as few requests as the CRM allows), each with the linked contact's fields where the rules need them.</summary>
    Task<IReadOnlyDictionary<ItemRef, ItemRead>> ReadAsync(IReadOnlyList<ItemRef> targets, CancellationToken cancellationToken);

    /// <summary>Runs an item's calls: the processes they decided, and the decisions whose extras the planner writes.</summary>
    CallsOutcome RunCalls(IReadOnlyList<InboxItem> calls, ItemState after, ItemChange change, JObject raw, IReadOnlySet<string> known, Func<IReadOnlyDictionary<string, string>, ProcessContext> context);

    /// <summary>The writer for this claim, after reading what the fired actions need (supervisors, histories, pools).</summary>
    Task<IActionWriter> WriterAsync(WriterInput input, CancellationToken cancellationToken);

    /// <summary>The effects of the calls themselves (answers to robot calls, refusals), after the planner's.</summary>
    IReadOnlyList<Effect> CallEffects(IReadOnlyList<(InboxItem Call, string Why)> refused, IReadOnlySet<string> known, DateTimeOffset now);
}

/// <summary>What <see cref="ICrmWorkSession.RunCalls"/> decided for one item.</summary>
public sealed record CallsOutcome(
    IReadOnlyList<(string Process, ProcessDecision Decision)> Decisions,
    IReadOnlyList<PlannedDecision> Planned)
{
    public static CallsOutcome None { get; } = new([], []);
}

/// <summary>A process decision whose notices, call-backs, routes and moves the planner writes, under <paramref name="Key"/>.</summary>
public sealed record PlannedDecision(ItemState Item, ItemChange Change, JObject Raw, ProcessDecision Decision, string Key, string Cause);

/// <summary>What the writer is prepared for: the automations that fired (with their items' raw form) and the planned decisions.</summary>
public sealed record WriterInput(
    IReadOnlyList<(AutomationRun Run, ItemChange? Change, JObject Raw)> Fired,
    IReadOnlyList<PlannedDecision> Planned,
    IReadOnlySet<string> Known,
    Func<AutomationRun, int, string> AuditKey);
