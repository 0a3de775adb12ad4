using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Events;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// Runs one REST method for a caller, top-level or inside a batch: method lookup, application context, scope and the
/// operating-time budget are checked first (bitrix24-rest.md §3, §12.2, §12.4); the handler runs under the state lock;
/// its processing time is charged to the method. A method that ran is then reported to the test hooks
/// (<see cref="SandboxFaults.AfterMethod"/>) outside the state lock, before anything is answered.
/// </summary>
internal static partial class MethodRunner
{
    /// <summary>Runs <paramref name="method"/>; <paramref name="batchKey"/> is the command's key inside a batch, null for a call of its own.</summary>
    public static MethodOutcome Run(Portal portal, Caller caller, string method, JObject parameters, List<EventDelivery> deliveries, TimeSpan chargedLatency, string? batchKey = null)
    {
        var start = portal.Now;
        var started = portal.Clock.GetTimestamp();
        MethodResult? result = null;
        RestException? error = null;
        var ran = false;
        var name = method;
        try
        {
            var definition = Check(portal, caller, method);
            name = definition.Name;
            portal.Stats.Method(definition.Name);
            ran = true;
            var call = new MethodCall(portal, definition.Name, parameters, caller, deliveries);
            lock (portal.State.Gate)
            {
                result = definition.Handler(call);
            }
        }
        catch (RestException e)
        {
            error = e;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A sandbox bug must still look like a portal error, not a dropped connection.
            LogMethodFailed(portal.Logger, e, method);
            error = new RestException("INTERNAL_SERVER_ERROR", "Internal server error", 500);
        }

        var processing = portal.Clock.GetElapsedTime(started) + (ran ? chargedLatency : TimeSpan.Zero);
        if (ran)
        {
            portal.Budget.Charge(method, processing);
        }

        var (operating, resetAt) = portal.Budget.Read(method);
        var dropAnswer = ran && Report(portal, new MethodRunReport(name, batchKey, parameters, result, error));
        return new MethodOutcome(result, error, start, portal.Now, processing, operating, resetAt, dropAnswer);
    }

    /// <summary>
    /// Tells the test hooks that a method ran (its changes are kept, nothing is answered yet); true when its answer must
    /// be dropped. A hook that throws is logged, not answered: the call itself went fine.
    /// </summary>
    public static bool Report(Portal portal, MethodRunReport report)
    {
        if (!portal.Faults.WatchesMethods)
        {
            return false;
        }

        var run = new SandboxMethodRun
        {
            Method = report.Method,
            BatchKey = report.BatchKey,
            Parameters = (JObject)report.Parameters.DeepClone(),
            Result = report.Result?.Result.DeepClone(),
            ErrorCode = report.Error?.Code,
        };
        var dropAnswer = portal.Faults.CountForAnswerDrops(run);
        foreach (var hook in portal.Faults.AfterMethodHooks())
        {
            try
            {
                hook(run);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogHookFailed(portal.Logger, e, report.Method);
            }
        }

        return dropAnswer;
    }

    private static MethodDefinition Check(Portal portal, Caller caller, string method)
    {
        var definition = portal.Methods.Find(method) ?? throw new RestException("ERROR_METHOD_NOT_FOUND", "Method not found!", 404);
        if (definition.AppOnly && !caller.IsApp)
        {
            throw RestException.AccessDenied("Application context required");
        }

        if (definition.Scope is { } scope && !caller.Scopes.Contains(scope))
        {
            throw new RestException("insufficient_scope", "The request requires higher privileges than provided by the webhook token", 403);
        }

        if (portal.Budget.IsBlocked(definition.Name))
        {
            portal.Stats.OperationTimeLimit();
            throw new RestException("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.", 429);
        }

        return definition;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Sandbox method {Method} failed")]
    private static partial void LogMethodFailed(ILogger logger, Exception exception, string method);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Sandbox AfterMethod hook failed after {Method}; the call is answered as usual")]
    private static partial void LogHookFailed(ILogger logger, Exception exception, string method);
}
