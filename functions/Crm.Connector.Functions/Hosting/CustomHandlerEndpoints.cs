using Crm.Connector.Functions.Invocation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Hosting;

/// <summary>
/// The custom-handler side of the protocol: the Functions host posts <c>{Data, Metadata}</c> to <c>/{FunctionName}</c>
/// (§4.1) and reads <c>{Outputs, Logs, ReturnValue}</c> back as <c>application/json</c> (§5.1). A failed invocation is
/// a 500, which the host treats as a failure (queue message retried, HTTP caller answered 500).
/// </summary>
public static class CustomHandlerEndpoints
{
    public static IEndpointRouteBuilder MapCustomHandler(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/{function}", async (string function, HttpContext context, FunctionCatalog catalog, ILoggerFactory logs) =>
        {
            var target = catalog.Find(function);
            if (target is null)
            {
                return Microsoft.AspNetCore.Http.Results.Json(new { error = "NOT_FOUND", error_description = $"No function '{function}'." }, statusCode: 404);
            }

            JObject envelope;
            try
            {
                using var reader = new StreamReader(context.Request.Body);
                using var json = new JsonTextReader(reader) { DateParseHandling = DateParseHandling.None };
                envelope = await JObject.LoadAsync(json, context.RequestAborted);
            }
            catch (JsonReaderException e)
            {
                return Microsoft.AspNetCore.Http.Results.Json(new { error = "BAD_ENVELOPE", error_description = e.Message }, statusCode: 400);
            }

            var request = new InvocationRequest
            {
                FunctionName = function,
                Data = envelope["Data"] as JObject ?? [],
                Metadata = envelope["Metadata"] as JObject ?? [],
                InvocationId = context.Request.Headers["X-Azure-Functions-InvocationId"].FirstOrDefault(),
            };
            var result = await FunctionInvoker.InvokeAsync(target, request, logs.CreateLogger(typeof(CustomHandlerEndpoints)), context.RequestAborted);
            return result is null
                ? Microsoft.AspNetCore.Http.Results.Json(new { error = "FAILED", error_description = "The invocation failed; see the app's log." }, statusCode: 500)
                : Microsoft.AspNetCore.Http.Results.Text(result.ToJson().ToString(Formatting.None), "application/json", System.Text.Encoding.UTF8);
        });
        return endpoints;
    }
}
