using System.Text;
using Crm.Connector.Functions.Hosting;
using Crm.Connector.Functions.Invocation;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// The local host's HTTP side: serves every HTTP function at <c>/{routePrefix}/{route}</c>, builds the envelope the
/// Functions host would send (azure-functions-custom-handler.md §4.4), invokes the function in-process, enqueues its
/// queue outputs durably and only then answers the caller with its <c>res</c> (§5.2) — as the host does, an answer is
/// given only after the outputs are stored.
/// </summary>
internal static class LocalHttpBridge
{
    public static IEndpointRouteBuilder MapLocalHttpFunctions(this IEndpointRouteBuilder endpoints, FunctionCatalog catalog, HostSettings settings)
    {
        foreach (var function in catalog.All)
        {
            if (function.Definition.Trigger is not HttpTrigger trigger)
            {
                continue;
            }

            var pattern = settings.RoutePrefix.Length == 0 ? "/" + trigger.Route : $"/{settings.RoutePrefix}/{trigger.Route}";
            endpoints.MapMethods(pattern, [.. trigger.Methods.Select(m => m.ToUpperInvariant())], (HttpContext context, LocalOutputs outputs, ILoggerFactory logs, TimeProvider time) =>
                HandleAsync(context, function, settings, outputs, logs.CreateLogger(typeof(LocalHttpBridge)), time));
        }

        return endpoints;
    }

    private static async Task HandleAsync(HttpContext context, IFunction function, HostSettings settings, LocalOutputs outputs, ILogger log, TimeProvider time)
    {
        var request = await EnvelopeAsync(context, function.Definition, time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(settings.FunctionTimeout);
        var result = await FunctionInvoker.InvokeAsync(function, request, log, timeout.Token);
        if (result is null)
        {
            await WriteAsync(context, HttpOutput.Error(500, "INTERNAL_SERVER_ERROR", "The function failed."));
            return;
        }

        await outputs.ApplyAsync(function.Definition, result, log);
        if (!result.Outputs.TryGetValue(FunctionOutput.HttpResponse, out var res))
        {
            context.Response.StatusCode = 200;
            if (result.Outputs.Count > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{}", context.RequestAborted);
            }

            return;
        }

        HttpOutput response;
        try
        {
            response = HttpOutput.From(res);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or OverflowException)
        {
            HostingLog.InvocationFailed(log, e, function.Definition.Name, request.InvocationId);
            response = HttpOutput.Error(500, "INTERNAL_SERVER_ERROR", "The function's response was not usable.");
        }

        await WriteAsync(context, response);
    }

    private static async Task WriteAsync(HttpContext context, HttpOutput response)
    {
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>The envelope of §4.4 for this request.</summary>
    internal static async Task<InvocationRequest> EnvelopeAsync(HttpContext context, FunctionDefinition definition, TimeProvider time)
    {
        var http = context.Request;
        var query = new JObject();
        foreach (var (key, values) in http.Query)
        {
            // A repeated key is joined with commas.
            query[key] = string.Join(',', values.ToArray());
        }

        var headers = new JObject();
        var headerStrings = new JObject();
        foreach (var (key, values) in http.Headers)
        {
            headers[key] = new JArray(values.Select(v => (object)(v ?? string.Empty)).ToArray());
            headerStrings[key] = values.ToString();
        }

        var routeValues = new JObject();
        if (context.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern })
        {
            foreach (var parameter in pattern.Parameters)
            {
                routeValues[parameter.Name] = context.Request.RouteValues.TryGetValue(parameter.Name, out var v) && v is not null ? v.ToString() : null;
            }
        }

        var req = new JObject
        {
            ["Url"] = $"{http.Scheme}://{http.Host}{http.PathBase}{http.Path}{http.QueryString}",
            ["Method"] = http.Method,
            ["Query"] = query,
            ["Headers"] = headers,
            ["Params"] = routeValues,
            ["Identities"] = new JArray(AnonymousIdentity()),
        };

        string? body = null;

        // The host passes a body only when the request declared a length (§4.4).
        if (http.ContentLength is > 0)
        {
            using var buffer = new MemoryStream();
            await http.Body.CopyToAsync(buffer, context.RequestAborted);
            var contentType = http.ContentType ?? string.Empty;
            body = contentType.Contains("application/octet-stream", StringComparison.OrdinalIgnoreCase) || contentType.Contains("multipart/", StringComparison.OrdinalIgnoreCase)
                ? Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length)
                : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            req["Body"] = body;
        }

        var metadata = new JObject();
        foreach (var (key, value) in query)
        {
            if (!string.Equals(key, "code", StringComparison.OrdinalIgnoreCase))
            {
                metadata[key] = EnvelopeValues.EncodeString(value!.Value<string>()!);
            }
        }

        foreach (var (key, value) in routeValues)
        {
            if (value is { Type: JTokenType.String })
            {
                metadata[key] = EnvelopeValues.EncodeString(value.Value<string>()!);
            }
        }

        if (body is not null && (http.ContentType ?? string.Empty).Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            MergeJsonProperties(metadata, body);
        }

        metadata["Query"] = query.DeepClone();
        metadata["Headers"] = headerStrings;
        metadata["sys"] = Sys(definition.Name, time);
        return new InvocationRequest
        {
            FunctionName = definition.Name,
            Data = new JObject { [definition.Trigger.Name] = req },
            Metadata = metadata,
            InvocationId = Guid.NewGuid().ToString(),
        };
    }

    /// <summary>The <c>sys</c> entry every envelope carries.</summary>
    internal static JObject Sys(string function, TimeProvider time) => new()
    {
        ["MethodName"] = function,
        ["UtcNow"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
        ["RandGuid"] = Guid.NewGuid().ToString(),
    };

    /// <summary>A JSON body's (or queue message's) top-level properties as metadata keys: scalars double-encoded, objects kept (§4.3, §4.4).</summary>
    internal static void MergeJsonProperties(JObject metadata, string text)
    {
        JObject parsed;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None };
            if (JToken.ReadFrom(reader) is not JObject o)
            {
                return;
            }

            parsed = o;
        }
        catch (JsonReaderException)
        {
            return;
        }

        foreach (var property in parsed.Properties())
        {
            switch (property.Value)
            {
                case JArray:
                    break;
                case JObject nested:
                    metadata[property.Name] = nested;
                    break;
                case JValue { Type: JTokenType.Null }:
                    break;
                case JValue scalar:
                    metadata[property.Name] = EnvelopeValues.EncodeString(Convert.ToString(scalar.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }
    }

    private static JObject AnonymousIdentity() => new()
    {
        ["AuthenticationType"] = null,
        ["IsAuthenticated"] = false,
        ["Actor"] = null,
        ["BootstrapContext"] = null,
        ["Claims"] = new JArray(),
        ["Label"] = null,
        ["Name"] = null,
        ["NameClaimType"] = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        ["RoleClaimType"] = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
    };
}
