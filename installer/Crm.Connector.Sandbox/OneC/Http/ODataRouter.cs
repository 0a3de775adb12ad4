using System.Globalization;
using System.Text;
using Crm.Connector.Sandbox.OneC.Core;
using Crm.Connector.Sandbox.OneC.Query;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Http;

/// <summary>
/// Every request, in the order the web server and 1C would see it: the injected latency, the web server's own answers
/// (503 while <see cref="SandboxOneCFaults.Down"/>, an HTML page with 200 for <see cref="SandboxOneCFaults.HtmlOkAnswers"/>,
/// 404 outside the publication), Basic authentication (401 HTML), then the standard OData interface under the base's gate.
/// </summary>
internal sealed class ODataRouter(InfoBase infoBase, SandboxOneCFaults faults, SandboxOneCStats stats, Uri serviceRoot, string user, string password)
{
    public const string PublicationPath = "/base/odata/standard.odata";

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        stats.Request();
        if (faults.Latency is { } latency && latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken);
        }

        if (faults.Down)
        {
            await Answers.HtmlAsync(context, StatusCodes.Status503ServiceUnavailable, Answers.UnavailablePage, cancellationToken);
            return;
        }

        if (faults.TakeHtmlOkAnswer())
        {
            await Answers.HtmlAsync(context, StatusCodes.Status200OK, Answers.HtmlOkPage, cancellationToken);
            return;
        }

        var path = context.Request.Path.Value ?? "/";
        if (!path.StartsWith(PublicationPath, StringComparison.Ordinal))
        {
            await Answers.HtmlAsync(context, StatusCodes.Status404NotFound, "<html><body><h1>Not Found</h1></body></html>\n", cancellationToken);
            return;
        }

        if (!Authenticated(context.Request))
        {
            // §1.1: the web server answers 401 with its HTML page; the login is decoded as UTF-8 (UNCONFIRMED for 1C, §9).
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"1C:Enterprise\"";
            await Answers.HtmlAsync(context, StatusCodes.Status401Unauthorized, Answers.UnauthorizedPage, cancellationToken);
            return;
        }

        try
        {
            await RouteAsync(context, path[PublicationPath.Length..].TrimStart('/'), cancellationToken);
        }
        catch (ODataException error)
        {
            await Answers.ErrorAsync(context, error, cancellationToken);
        }
    }

    private async Task RouteAsync(HttpContext context, string resource, CancellationToken cancellationToken)
    {
        var method = context.Request.Method.ToUpperInvariant();
        var query = Query.QueryString.Parse(context.Request.QueryString.Value);
        var format = Format.Of(context.Request, query);
        if (resource.Length == 0)
        {
            RequireGet(method);
            format.RequireJson();
            var value = new JArray(infoBase.Published().Select(set => new JObject { ["name"] = set, ["url"] = set }));
            var document = format.Metadata ? new JObject { ["odata.metadata"] = serviceRoot + "$metadata" } : [];
            document["value"] = value;
            stats.Read();
            await Answers.JsonAsync(context, StatusCodes.Status200OK, document, cancellationToken);
            return;
        }

        if (resource == "$metadata")
        {
            RequireGet(method);
            stats.Read();
            await Answers.TextAsync(context, StatusCodes.Status200OK, "application/xml;charset=utf-8", Metadata.Build(infoBase.Published()), cancellationToken);
            return;
        }

        var request = ODataRequest.Parse(resource);

        // §1.8: an unknown or unpublished set. 1C's exact answer is UNCONFIRMED (§9); the sandbox says 404 with code 8
        // ("entity type not found", 17.4.10), which is what evilbruce666 reads as "object not published".
        var schema = infoBase.PublishedSchema(request.Set) ?? throw new ODataException(404, "8", $"Не найден тип сущности {request.Set}");
        stats.Set(method, request.Action is null ? request.Set : request.Set + "/" + request.Action);
        switch (method, request)
        {
            case ("GET", { Count: true }):
                var (_, matches) = infoBase.Query(request.Set, Filter(schema, query), Projection.Parse(schema, new Dictionary<string, string>()));
                stats.Read();
                await Answers.TextAsync(context, StatusCodes.Status200OK, "text/plain;charset=utf-8", matches.ToString(CultureInfo.InvariantCulture), cancellationToken);
                return;
            case ("GET", { Key: null }):
                format.RequireJson();
                await ReadSetAsync(context, schema, query, format, cancellationToken);
                return;
            case ("GET", { Key: { } key, Action: null }):
                format.RequireJson();
                var entity = infoBase.Find(request.Set, key) ?? throw ODataException.NotFound(request.Set, key);
                stats.Read();
                await Answers.JsonAsync(context, StatusCodes.Status200OK, WithMetadata(Projection.Parse(schema, query).Select(entity), format, request.Set + "/@Element"), cancellationToken);
                return;
            case ("POST", { Key: null, Action: null }):
                format.RequireJson();
                await CreateAsync(context, request.Set, format, cancellationToken);
                return;
            case ("POST", { Key: { } key, Action: { } action }):
                infoBase.SetPosted(request.Set, key, action == "Post");
                stats.Write();

                // §1.6: the body may be empty; clients treat 200/204 without a body as success. The sandbox: 200, empty.
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentLength = 0;
                return;
            case ("PATCH" or "MERGE", { Key: { } key, Action: null }):
                format.RequireJson();
                var patched = infoBase.Patch(request.Set, key, await ReadBodyAsync(context.Request, cancellationToken));
                stats.Write();
                await Answers.JsonAsync(context, StatusCodes.Status200OK, WithMetadata(patched, format, request.Set + "/@Element"), cancellationToken);
                return;
            case ("DELETE", { Key: { } key, Action: null }):
                infoBase.Delete(request.Set, key);
                stats.Write();

                // §1.5 documents the physical delete, not the status; 204 No Content as OData v3 prescribes (UNCONFIRMED for 1C).
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            default:
                throw new ODataException(405, "19", $"HTTP метод {method} не допускается для {resource}");
        }
    }

    private async Task ReadSetAsync(HttpContext context, EntitySchema schema, Dictionary<string, string> query, Format format, CancellationToken cancellationToken)
    {
        var filter = Filter(schema, query);
        var projection = Projection.Parse(schema, query);
        var (rows, matches) = infoBase.Query(schema.Name, filter, projection);
        var body = format.Metadata ? new JObject { ["odata.metadata"] = serviceRoot + "$metadata#" + schema.Name } : [];

        // §1.4 / 17.4.6.2: odata.count is a string; no odata.nextLink is ever sent.
        if (projection.InlineCount)
        {
            body["odata.count"] = matches.ToString(CultureInfo.InvariantCulture);
        }

        body["value"] = new JArray(rows);
        stats.Read();
        await Answers.JsonAsync(context, StatusCodes.Status200OK, body, cancellationToken);
    }

    private async Task CreateAsync(HttpContext context, string set, Format format, CancellationToken cancellationToken)
    {
        var created = infoBase.Create(set, await ReadBodyAsync(context.Request, cancellationToken));
        stats.Write();
        if (faults.TakeLoseCreateAnswer())
        {
            context.Abort();
            return;
        }

        // §1.5: 201 with the canonical URL (percent-encoded: header values are ASCII) and the full entity.
        context.Response.Headers.Location = new Uri(serviceRoot, $"{set}(guid'{created.Value<string>("Ref_Key")}')").AbsoluteUri;
        await Answers.JsonAsync(context, StatusCodes.Status201Created, WithMetadata(created, format, set + "/@Element"), cancellationToken);
    }

    private static Func<JObject, bool>? Filter(EntitySchema schema, Dictionary<string, string> query) =>
        query.TryGetValue("$filter", out var text) && text.Length > 0 ? Query.Filter.Parse(text, schema) : null;

    private JObject WithMetadata(JObject entity, Format format, string fragment)
    {
        if (!format.Metadata)
        {
            return entity;
        }

        var result = new JObject { ["odata.metadata"] = serviceRoot + "$metadata#" + fragment };
        result.Merge(entity);
        return result;
    }

    private static void RequireGet(string method)
    {
        if (method != "GET")
        {
            throw new ODataException(405, "19", $"HTTP метод {method} не допускается");
        }
    }

    /// <summary>A write body: one JSON object; dates stay strings, numbers decimals. Not JSON → 400 code 2.</summary>
    private static async Task<JObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        try
        {
            using var json = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            return JToken.ReadFrom(json) as JObject ?? throw new ODataException(400, "2", "Тело запроса должно быть объектом JSON");
        }
        catch (JsonException e)
        {
            throw new ODataException(400, "2", "Неверный формат запроса: " + e.Message);
        }
    }

    private bool Authenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0
                && string.Equals(decoded[..colon], user, StringComparison.Ordinal)
                && string.Equals(decoded[(colon + 1)..], password, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
