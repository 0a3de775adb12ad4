using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.activity.add</c> (bitrix24-rest.md §9; deprecated in favour of to-dos, but still how an e-mail activity is
/// made): fields {OWNER_TYPE_ID*, OWNER_ID*, TYPE_ID*, COMMUNICATIONS* [{VALUE, ENTITY_ID, ENTITY_TYPE_ID}], SUBJECT,
/// DESCRIPTION, DIRECTION, RESPONSIBLE_ID, COMPLETED, ORIGINATOR_ID, ORIGIN_ID} → the id. Assumed (UNCONFIRMED): only
/// TYPE_ID 4 (e-mail) is kept here; other types are refused with ERROR_CORE so a caller relying on them notices; a
/// communication needs a VALUE. ORIGINATOR_ID / ORIGIN_ID are documented activity fields (strings, "used only for
/// linking to an external source", b24restdocs <c>activity-base/crm-activity-add.md</c>).
/// <c>crm.activity.list</c> (legacy, <c>activity-base/crm-activity-list.md</c>): e-mails and to-dos together
/// (<see cref="ActivityView"/>); filter on any answered field with the usual prefixes (unknown keys are ignored, as the
/// legacy lists do; so is BINDINGS, not emulated); order default START_TIME ascending (documented), ties by ID;
/// <c>select</c> of field names or <c>*</c>, COMMUNICATIONS only when named; pages of 50 with total/next (§11).
/// </summary>
internal static class ActivityMethods
{
    private static readonly HashSet<string> Fields = new(ActivityView.FieldNames, StringComparer.Ordinal);

    public static void Register(MethodRegistry methods)
    {
        methods.Add("crm.activity.add", Add);
        methods.Add("crm.activity.list", List);
    }

    private static MethodResult Add(MethodCall call)
    {
        var fields = call.Parameters.Object("fields") ?? throw RestException.Core("Required parameter 'fields' is missing.");
        var entity = EntityKind.ByTypeId(fields.Int("OWNER_TYPE_ID"));
        var ownerId = fields.Int("OWNER_ID");
        if (entity is null || ownerId is null || call.State.Item(entity, ownerId.Value) is null)
        {
            throw new RestException("OWNER_NOT_FOUND", $"Owner {fields.Int("OWNER_TYPE_ID")}:{ownerId} not found.");
        }

        if (fields.Int("TYPE_ID") != 4)
        {
            throw RestException.Core("The sandbox keeps e-mail activities only (TYPE_ID 4).");
        }

        if (fields.Get("COMMUNICATIONS") is not JArray { Count: > 0 } communications || communications.Any(c => string.IsNullOrWhiteSpace(c.Value<string>("VALUE"))))
        {
            throw RestException.Core("COMMUNICATIONS must list at least one address, each with a VALUE.");
        }

        var email = new EmailActivity(
            call.State.NextId("activity"),
            entity.TypeId,
            ownerId.Value,
            fields.String("SUBJECT") ?? "",
            fields.String("DESCRIPTION") ?? "",
            fields.Int("DIRECTION") ?? 2,
            fields.Int("RESPONSIBLE_ID") ?? call.Caller.UserId,
            (JArray)communications.DeepClone(),
            PortalTime.Iso(call.Now),
            Params.AsBool(fields.Get("COMPLETED")) ?? false,
            call.Caller.UserId,
            Marker(fields, "ORIGINATOR_ID"),
            Marker(fields, "ORIGIN_ID"));
        call.State.Emails[email.Id] = email;
        return MethodResult.Of(email.Id);
    }

    private static MethodResult List(MethodCall call)
    {
        var state = call.State;
        var rows = state.Emails.Values.Select(e => (e.Id, Row: ActivityView.Row(e)))
            .Concat(state.Todos.Values.Select(t => (t.Id, Row: ActivityView.Row(t))))
            .OrderBy(a => a.Id)
            .Select(a => a.Row);
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), Known);
        var order = RowOrder.Parse(call.Parameters.Get("order") is JObject { Count: > 0 } given ? given : new JObject { ["START_TIME"] = "ASC" }, Known);
        var (page, total, next) = ListPage.Take(rows, filter, order, call.Parameters);
        var select = Select(call.Parameters.Get("select"));
        return new MethodResult(new JArray(page.Select(r => Project(r, select))), total, next);
    }

    private static string? Known(string key)
    {
        var name = key.Trim().ToUpperInvariant();
        return Fields.Contains(name) ? name : null;
    }

    /// <summary>The names to answer: none or <c>*</c> = every standard field; COMMUNICATIONS only when named; ID always.</summary>
    private static HashSet<string> Select(JToken? select)
    {
        var names = select switch
        {
            JArray items => items.Select(i => Params.AsString(i)?.Trim().ToUpperInvariant()).OfType<string>().Where(n => n.Length > 0).ToHashSet(StringComparer.Ordinal),
            JValue { Type: JTokenType.String } one => [((string)one!).Trim().ToUpperInvariant()],
            _ => [],
        };
        if (names.Count == 0 || names.Contains("*"))
        {
            return [.. Fields.Where(f => ActivityView.IsStandard(f) || names.Contains(f))];
        }

        names.Add("ID");
        return names;
    }

    private static JObject Project(JObject row, HashSet<string> select) =>
        new(row.Properties().Where(p => select.Contains(p.Name)).Select(p => new JProperty(p.Name, p.Value)));

    private static string? Marker(JObject fields, string name) => fields.String(name) is { Length: > 0 } value ? value : null;
}
