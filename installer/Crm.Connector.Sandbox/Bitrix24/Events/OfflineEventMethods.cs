using Crm.Connector.Sandbox.Bitrix24.Lists;
using Crm.Connector.Sandbox.Bitrix24.OAuth;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>
/// The offline event queue (bitrix24-rest.md §4.6): <c>event.offline.get</c> {filter, order (default TIMESTAMP_X ASC =
/// queue order), limit (50), clear (1 = delete on read, <c>process_id</c> null unless one was given — as the docs'
/// sample answer; 0 = reserve and return a new process_id), process_id ("select more unprocessed records from the
/// current process": the process's entries, topped up with unreserved ones to the limit — assumed), error,
/// auth_connector (only that key's queue)}; parallel readers get disjoint sets.
/// <c>event.offline.clear</c> {process_id, message_id[] or id[]} confirms; <c>event.offline.error</c> marks failures
/// (they leave the reservation and are read again only with error=1 — assumed); <c>event.offline.list</c> peeks.
/// Assumed: like offline binding, reading the queue needs an admin.
/// </summary>
internal static class OfflineEventMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("event.offline.get", Get);
        methods.Add("event.offline.clear", Clear);
        methods.Add("event.offline.error", Error);
        methods.Add("event.offline.list", List);
    }

    public static JObject ToJson(OfflineEvent entry) => new()
    {
        ["ID"] = entry.Id,
        ["TIMESTAMP_X"] = entry.Timestamp,
        ["EVENT_NAME"] = entry.EventName,
        ["EVENT_DATA"] = entry.Data.DeepClone(),
        ["EVENT_ADDITIONAL"] = entry.Additional.DeepClone(),
        ["MESSAGE_ID"] = entry.MessageId,
        ["PROCESS_ID"] = entry.ProcessId,
        ["ERROR"] = entry.Error ? 1 : 0,
    };

    private static MethodResult Get(MethodCall call)
    {
        call.RequireAdmin();
        var parameters = call.Parameters;
        var processId = parameters.String("process_id") is { Length: > 0 } given ? given : null;
        var clear = Params.AsBool(parameters.Get("clear")) ?? true;
        var withErrors = Params.AsBool(parameters.Get("error")) ?? false;
        var limit = Math.Clamp(parameters.Int("limit") ?? 50, 1, 1000);
        var filter = RowFilter.Parse(parameters.Get("filter"), Known);
        var order = RowOrder.Parse(parameters.Get("order"), Known);
        var queue = Queue(call).ToList();

        // The process's own entries first (read again), then unreserved ones up to the limit.
        IEnumerable<OfflineEvent> own = processId is null ? [] : queue.Where(e => string.Equals(e.ProcessId, processId, StringComparison.Ordinal));
        var free = queue.Where(e => e.ProcessId is null && (withErrors || !e.Error));
        var selected = Ordered(own, filter, order).Concat(Ordered(free, filter, order)).Take(limit).ToList();
        var process = processId ?? (clear ? null : RandomTokens.Hex(32));
        foreach (var row in selected)
        {
            var id = (int)row["ID"]!;
            if (clear)
            {
                call.State.OfflineEvents.Remove(id);
            }
            else
            {
                call.State.OfflineEvents[id] = call.State.OfflineEvents[id] with { ProcessId = process };
            }
        }

        var events = new JArray(selected.Select(r =>
        {
            r.Remove("PROCESS_ID");
            r.Remove("ERROR");
            return r;
        }));
        return MethodResult.Of(new JObject { ["process_id"] = process, ["events"] = events });
    }

    private static MethodResult Clear(MethodCall call)
    {
        call.RequireAdmin();
        foreach (var entry in Reserved(call))
        {
            call.State.OfflineEvents.Remove(entry.Id);
        }

        return MethodResult.True;
    }

    private static MethodResult Error(MethodCall call)
    {
        call.RequireAdmin();
        foreach (var entry in Reserved(call))
        {
            call.State.OfflineEvents[entry.Id] = entry with { Error = true, ProcessId = null };
        }

        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call)
    {
        call.RequireAdmin();
        var filter = RowFilter.Parse(call.Parameters.Get("filter"), Known);
        var order = RowOrder.Parse(call.Parameters.Get("order"), Known);
        var (page, total, next) = ListPage.Take(Queue(call).Select(ToJson), filter, order, call.Parameters);
        return new MethodResult(new JArray(page), total, next);
    }

    /// <summary>
    /// The entries of the queue named by <c>auth_connector</c>; without it, every queue. UNCONFIRMED (§4.6 "a separate
    /// queue tied to a specific data exchange channel"): whether a read without the key sees the keyed queues.
    /// </summary>
    private static IEnumerable<OfflineEvent> Queue(MethodCall call)
    {
        var connector = call.Parameters.String("auth_connector")?.Trim();
        return call.State.OfflineEvents.Values.Where(e => string.IsNullOrEmpty(connector) || string.Equals(e.AuthConnector, connector, StringComparison.Ordinal));
    }

    private static IEnumerable<JObject> Ordered(IEnumerable<OfflineEvent> entries, RowFilter filter, RowOrder order)
    {
        var rows = entries.Select(ToJson).Where(filter.Matches);
        return order.Keys.Count > 0 ? rows.OrderBy(r => r, order) : rows;
    }

    /// <summary>The entries of <c>process_id</c>, narrowed to <c>message_id[]</c> or <c>id[]</c> when given.</summary>
    private static List<OfflineEvent> Reserved(MethodCall call)
    {
        var processId = call.Parameters.String("process_id");
        if (string.IsNullOrEmpty(processId))
        {
            throw RestException.Core("Required parameter 'process_id' is missing.");
        }

        var messageIds = Values(call.Parameters.Get("message_id"));
        var ids = Values(call.Parameters.Get("id"));
        return [.. call.State.OfflineEvents.Values.Where(e =>
            string.Equals(e.ProcessId, processId, StringComparison.Ordinal) &&
            (messageIds is null || messageIds.Contains(e.MessageId)) &&
            (ids is null || ids.Contains(Params.Text(e.Id))))];
    }

    private static HashSet<string>? Values(JToken? token) => token switch
    {
        null => null,
        JArray items => items.Select(Params.AsString).OfType<string>().ToHashSet(StringComparer.Ordinal),
        _ => Params.AsString(token) is { } single ? new HashSet<string>([single], StringComparer.Ordinal) : null,
    };

    private static string? Known(string field) => field.ToUpperInvariant() switch
    {
        "ID" or "TIMESTAMP_X" or "EVENT_NAME" or "MESSAGE_ID" => field.ToUpperInvariant(),
        _ => null,
    };
}
