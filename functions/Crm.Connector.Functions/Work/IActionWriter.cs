using Crm.Connector.Automation;
using Crm.Connector.Automation.Processes;
using Crm.Connector.Storage.Audit;
using Crm.Connector.Storage.Effects;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Actions;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Work;

/// <summary>
/// One CRM's hand for the neutral <see cref="ActionPlanner"/>: it turns what was decided — a task for this user, this
/// stage, these field values, a copy of this deal — into that CRM's requests, appended in order. The planner marks where
/// each action's requests begin and end (<see cref="Count"/>) and has each range made into one effect
/// (<see cref="Effect"/>), recorded under the action's occurrence key before anything is sent.
/// </summary>
public interface IActionWriter
{
    /// <summary>How many requests were written so far.</summary>
    int Count { get; }

    /// <summary>The effect of <paramref name="entry"/>'s action: the requests written from <paramref name="first"/> up to (not including) <paramref name="last"/>.</summary>
    Effect Effect(AuditEntry entry, int first, int last, DateTimeOffset now);

    /// <summary>
    /// The values the writes set on each item, in the CRM's own form: merged into the item's snapshot, so the CRM's echo
    /// of our own write is no change.
    /// </summary>
    IReadOnlyDictionary<ItemRef, JObject> SnapshotPatches { get; }

    /// <summary>The CRM user a recipient stands for on this item, or null when nobody is known.</summary>
    string? User(ItemState item, Recipient recipient);

    /// <summary>The next user of <paramref name="among"/>'s pool in turn (reserved for this claim), or null when the pool is empty.</summary>
    string? NextAssignee(string among);

    void Notify(ItemState item, string user, string message);

    void Task(ItemState item, string user, string title, string description, DateTimeOffset deadline);

    /// <summary>A call-back task or to-do on the item (<paramref name="user"/> null: the item's responsible).</summary>
    void Callback(ItemState item, string? user, string title, string description, DateTimeOffset deadline);

    /// <summary>A comment (note) on the item's timeline.</summary>
    void Comment(ItemState item, string text);

    /// <summary>Writes <paramref name="values"/> (by template name) on the item; returns what was written in the CRM's form (empty: nothing).</summary>
    JObject Update(ItemState item, IReadOnlyDictionary<string, object?> values);

    /// <summary>Makes <paramref name="user"/> responsible for the item.</summary>
    void Assign(ItemState item, string user);

    /// <summary>Moves the item to <paramref name="stage"/> (of <paramref name="pipeline"/>, null: its own); false when that stage is not installed.</summary>
    bool Move(ItemState item, string? pipeline, string stage);

    /// <summary>
    /// Sends the item back to <paramref name="stage"/> of <paramref name="pipeline"/> without it counting as a new entry
    /// (the snapshot takes the return); false when that stage is not installed.
    /// </summary>
    bool SendBack(ItemState item, string? pipeline, string stage);

    /// <summary>A copy of the deal in another pipeline (fields, contacts, history as the CRM allows); null when the target is not installed.</summary>
    JObject? CopyDeal(ItemState item, CopyDealAction copy, JObject raw);

    /// <summary>An e-mail to <paramref name="address"/> about the item, the way this CRM sends one for an app.</summary>
    void Email(ItemState item, JObject raw, string address, string subject, string body);

    /// <summary>The deal (contact, company) a qualified lead becomes; the result in words.</summary>
    string Route(ItemState lead, LeadRoute route, JObject raw);

    /// <summary>An invoice for the deal; the result in words.</summary>
    string IssueInvoice(ItemState item, PlannedInvoice invoice, JObject raw);
}
