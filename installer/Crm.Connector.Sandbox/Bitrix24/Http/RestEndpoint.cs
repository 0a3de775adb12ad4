using Crm.Connector.Sandbox.Bitrix24.Batch;
using Crm.Connector.Sandbox.Bitrix24.Core;
using Crm.Connector.Sandbox.Bitrix24.Events;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// One REST request: faults (latency, 500, dropped connections), the leaky bucket (§12.1), parameters, auth, the method
/// or batch, the envelope (<c>result</c>, <c>total</c>, <c>next</c>, <c>time</c>; errors per §12.4), then the events
/// the call raised (§4.5: after the answer). Once a method ran, a caller that hung up changes nothing: the change and its
/// events stay, only the answer has nobody to go to. A caller that hangs up while the request still waits out the
/// latency loses it unrun (the latency stands for the way to the portal; tests kill callers there on purpose).
/// </summary>
internal static class RestEndpoint
{
    public static async Task HandleAsync(Portal portal, HttpContext context, RestPath path)
    {
        var cancellationToken = context.RequestAborted;
        portal.Stats.Request();
        var faults = portal.Faults.Decide();
        if (faults.Latency > TimeSpan.Zero)
        {
            // The request has not reached the method yet: a caller that hangs up now loses it unrun.
            await Task.Delay(faults.Latency, TimeProvider.System, cancellationToken);
        }

        if (!portal.Bucket.TryAdd())
        {
            portal.Stats.QueryLimitExceeded();
            await JsonResponses.WriteErrorAsync(context, 503, "QUERY_LIMIT_EXCEEDED", "Too many requests", null, cancellationToken);
            return;
        }

        if (faults.Error)
        {
            portal.Stats.InjectedError();
            await JsonResponses.WriteErrorAsync(context, 500, "INTERNAL_SERVER_ERROR", "Internal server error", null, cancellationToken);
            return;
        }

        if (faults.DropBefore)
        {
            portal.Stats.DroppedConnection();
            context.Abort();
            return;
        }

        var deliveries = new List<EventDelivery>();
        MethodOutcome outcome;
        try
        {
            var parameters = await RequestParameters.ReadAsync(context.Request, cancellationToken);
            var caller = RestAuthentication.Authenticate(portal, path, parameters);
            parameters.Remove("auth");
            outcome = string.Equals(path.Method, "batch", StringComparison.Ordinal)
                ? RunBatch(portal, caller, parameters, deliveries)
                : MethodRunner.Run(portal, caller, path.Method, parameters, deliveries, faults.Latency);
        }
        catch (RestException e)
        {
            var now = portal.Now;
            outcome = new MethodOutcome(null, e, now, now, TimeSpan.Zero, TimeSpan.Zero, now);
        }

        if (faults.DropAfter || outcome.DropAnswer)
        {
            // The method ran and its changes stay; the client never learns the outcome.
            portal.Stats.DroppedConnection();
            context.Abort();
            portal.Events.Send(deliveries);
            return;
        }

        try
        {
            await AnswerAsync(context, outcome, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && cancellationToken.IsCancellationRequested)
        {
            // The caller hung up after the method ran: nobody is left to answer, and nothing is undone.
        }
        finally
        {
            // §4.5: events follow the change, not the answer.
            portal.Events.Send(deliveries);
        }
    }

    private static async Task AnswerAsync(HttpContext context, MethodOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Error is { } error)
        {
            // §12.2: a blocked method tells when its oldest basket drops out.
            var time = error.Status == 429 ? TimeBlock.Of(outcome) : null;
            await JsonResponses.WriteErrorAsync(context, error.Status, error.Code, error.Description, time, cancellationToken);
        }
        else
        {
            var body = new JObject { ["result"] = outcome.Result!.Result };
            if (outcome.Result.Next is { } next)
            {
                body["next"] = next;
            }

            if (outcome.Result.Total is { } total)
            {
                body["total"] = total;
            }

            body["time"] = TimeBlock.Of(outcome);
            await JsonResponses.WriteAsync(context, 200, body, cancellationToken);
        }

        await context.Response.CompleteAsync();
    }

    private static MethodOutcome RunBatch(Portal portal, Caller caller, JObject parameters, List<EventDelivery> deliveries)
    {
        var start = portal.Now;
        var started = portal.Clock.GetTimestamp();
        portal.Stats.Method("batch");
        portal.Stats.Batch();
        var (result, dropAnswer) = BatchRunner.Run(portal, caller, parameters, deliveries);
        dropAnswer |= MethodRunner.Report(portal, new MethodRunReport("batch", null, parameters, result, null));
        var (operating, resetAt) = portal.Budget.Read("batch");
        return new MethodOutcome(result, null, start, portal.Now, portal.Clock.GetElapsedTime(started), operating, resetAt, dropAnswer);
    }
}
