using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// The local host's HTTP side: every HTTP function at <c>/{routePrefix}/{route}</c> for its declared methods. The
/// function gets the request itself (as under the worker's ASP.NET Core integration); its queue messages are stored
/// durably before the answer goes back, so an accepted call's work survives a crash right after the 200.
/// </summary>
internal static class LocalHttpRoutes
{
    public static IEndpointRouteBuilder MapLocalFunctions(this IEndpointRouteBuilder endpoints, FunctionIndex index, HostSettings settings)
    {
        foreach (var function in index.All)
        {
            if (function.Trigger is not HttpRouteTrigger trigger)
            {
                continue;
            }

            var pattern = settings.RoutePrefix.Length == 0 ? "/" + trigger.Route : $"/{settings.RoutePrefix}/{trigger.Route}";
            endpoints.MapMethods(pattern, trigger.Methods, (HttpContext context, LocalInvoker invoker, LocalOutputs outputs, ILoggerFactory logs) =>
                HandleAsync(context, function, invoker, outputs, logs.CreateLogger(typeof(LocalHttpRoutes))));
        }

        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, LocalFunction function, LocalInvoker invoker, LocalOutputs outputs, ILogger log)
    {
        IActionResult answer;
        try
        {
            var invocation = await invoker.InvokeAsync(function, context.Request, context.RequestAborted);
            await outputs.StoreAsync(invocation);
            answer = invocation.Http ?? new OkResult();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            HostingLog.InvocationCancelled(log, function.Name);
            return;
        }
#pragma warning disable CA1031 // A failed invocation is answered 500, as the Functions host answers it; the exception is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            HostingLog.InvocationFailed(log, e, function.Name);
            answer = HttpOutput.Error(500, "INTERNAL_SERVER_ERROR", "The function failed; see the app's log.").ToActionResult();
        }

        await answer.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
