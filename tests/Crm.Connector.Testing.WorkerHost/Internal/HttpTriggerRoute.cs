using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace Crm.Connector.Testing.WorkerHost.Internal;

/// <summary>
/// The public route of an HTTP trigger: host.json's <c>extensions.http.routePrefix</c> (default <c>api</c>) and the
/// binding's route (default: the function name), matched the way the host matches a request to a function.
/// </summary>
internal sealed class HttpTriggerRoute
{
    private readonly TemplateMatcher _matcher;

    private HttpTriggerRoute(string template)
    {
        Template = template;
        _matcher = new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary());
    }

    public string Template { get; }

    public static HttpTriggerRoute For(WorkerFunction function, string routePrefix)
    {
        var route = function.Trigger.Route ?? function.Name;
        var template = routePrefix.Length == 0 ? route : routePrefix.TrimEnd('/') + "/" + route.TrimStart('/');
        return new HttpTriggerRoute(template);
    }

    /// <summary>The route values of <paramref name="path"/>, or null when it is not this route.</summary>
    public IReadOnlyDictionary<string, string>? Match(string path)
    {
        var values = new RouteValueDictionary();
        if (!_matcher.TryMatch(new PathString(path), values))
        {
            return null;
        }

        return values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>host.json's route prefix in <paramref name="appDirectory"/> (the host's default <c>api</c> when absent).</summary>
    public static string ReadRoutePrefix(string appDirectory)
    {
        var hostJson = Path.Combine(appDirectory, "host.json");
        if (!File.Exists(hostJson))
        {
            return "api";
        }

        using var json = JsonDocument.Parse(File.ReadAllText(hostJson), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = json.RootElement;
        if (WorkerFunctionBinding.Find(root, "extensions") is { ValueKind: JsonValueKind.Object } extensions
            && WorkerFunctionBinding.Find(extensions, "http") is { ValueKind: JsonValueKind.Object } http
            && WorkerFunctionBinding.Find(http, "routePrefix") is { ValueKind: JsonValueKind.String } prefix)
        {
            return prefix.GetString()!.Trim('/');
        }

        return "api";
    }
}
