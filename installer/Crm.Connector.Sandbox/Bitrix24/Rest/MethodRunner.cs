using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Events;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>
/// Runs one REST method for a caller, top-level or inside a batch: method lookup, application context, scope and the
/// operating-time budget are checked first (bitrix24-rest.md §3, §12.2, §12.4); the handler runs under the state lock;
/// its processing time is charged to the method.
/// </summary>
internal static partial class MethodRunner
{
    public static MethodOutcome Run(Portal portal, Caller caller, string method, JObject parameters, List<EventDelivery> deliveries, TimeSpan chargedLatency)
    {
        var start = portal.Now;
        var started = portal.Clock.GetTimestamp();
        MethodResult? result = null;
        RestException? error = null;
        var ran = false;
        try
        {
            var definition = Check(portal, caller, method);
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
        return new MethodOutcome(result, error, start, portal.Now, processing, operating, resetAt);
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
}
