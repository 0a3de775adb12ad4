using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.Http;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Batch;

/// <summary>
/// <c>batch</c> (bitrix24-rest.md §10): up to 50 commands <c>key → "method?query"</c> run in order, each with the
/// batch's auth and its own scope/app-context checks and operating-time budget; later commands may refer to earlier
/// results. <c>halt=1</c> stops at the first error (the rest are absent). The whole batch is one request for the rate
/// limit and is not itself charged operating time. Each command is reported to the test hooks as it runs
/// (<see cref="SandboxFaults.AfterMethod"/>); when one asks for its answer to be dropped, the whole batch goes unanswered
/// after its last command.
/// </summary>
internal static class BatchRunner
{
    public const int MaxCommands = 50;

    public static (MethodResult Result, bool DropAnswer) Run(Portal portal, Caller caller, JObject parameters, List<EventDelivery> deliveries)
    {
        var commands = Commands(parameters.Get("cmd"));
        if (commands.Count > MaxCommands)
        {
            throw new RestException("ERROR_BATCH_LENGTH_EXCEEDED", $"Max batch length exceeded ({MaxCommands} commands).", 400);
        }

        var halt = Params.AsBool(parameters.Get("halt")) ?? false;
        var results = new BatchResults();
        var dropAnswer = false;
        foreach (var (key, command) in commands)
        {
            portal.Stats.BatchCommand();
            var outcome = RunCommand(portal, caller, key, command, results, deliveries);
            dropAnswer |= outcome.DropAnswer;
            results.Times[key] = TimeBlock.Of(outcome);
            if (outcome.Error is { } error)
            {
                results.Errors[key] = new JObject { ["error"] = error.Code, ["error_description"] = error.Description };
                if (halt)
                {
                    break;
                }

                continue;
            }

            results.Results[key] = outcome.Result!.Result;
            if (outcome.Result.Total is { } total)
            {
                results.Totals[key] = total;
            }

            if (outcome.Result.Next is { } next)
            {
                results.Nexts[key] = next;
            }
        }

        return (new MethodResult(results.ToJson()), dropAnswer);
    }

    private static MethodOutcome RunCommand(Portal portal, Caller caller, string key, string command, BatchResults results, List<EventDelivery> deliveries)
    {
        var question = command.IndexOf('?', StringComparison.Ordinal);
        var method = RestPath.MethodName(question < 0 ? command : command[..question]);
        var query = question < 0 ? "" : command[(question + 1)..];
        var parameters = (JObject)BatchReferences.Substitute(PhpQuery.Parse(query), results);
        parameters.Remove("auth");
        if (string.Equals(method, "batch", StringComparison.Ordinal))
        {
            var now = portal.Now;
            var (operating, resetAt) = portal.Budget.Read(method);
            return new MethodOutcome(null, new RestException("ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage", 405), now, now, TimeSpan.Zero, operating, resetAt);
        }

        return MethodRunner.Run(portal, caller, method, parameters, deliveries, TimeSpan.Zero, key);
    }

    private static List<(string Key, string Command)> Commands(JToken? cmd) => cmd switch
    {
        JObject map => [.. map.Properties().Select(p => (p.Name, Params.AsString(p.Value) ?? ""))],
        JArray list => [.. list.Select((c, i) => (i.ToString(System.Globalization.CultureInfo.InvariantCulture), Params.AsString(c) ?? ""))],
        _ => [],
    };
}
