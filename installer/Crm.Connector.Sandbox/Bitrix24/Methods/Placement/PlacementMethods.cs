using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Placement;

/// <summary>
/// <c>placement.bind|unbind|get|list</c> (api-reference/widgets/placement-*.md): application context and the
/// <c>placement</c> scope; CRM codes need the <c>crm</c> scope too. bind and unbind need an admin (403 ACCESS_DENIED).
/// <list type="bullet">
/// <item>bind {PLACEMENT*, HANDLER*, TITLE, DESCRIPTION, GROUP_NAME, LANG_ALL, OPTIONS, USER_ID} → true. An empty
/// argument is ERROR_ARGUMENT; a code not in placement.list (DEFAULT included) is ERROR_PLACEMENT_NOT_FOUND; the same
/// PLACEMENT and HANDLER again is ERROR_CORE "Unable to set placement handler: Handler already binded" (the text the
/// docs give for userfieldtype.add, which binds through the same table; UNCONFIRMED for placement.bind); USER_ID outside
/// PAGE_BACKGROUND_WORKER is ERROR_PLACEMENT_USER_MODE. UNCONFIRMED: the handler's host is not checked against the
/// app's domain (a real portal may answer ERROR_HANDLER_URL_MATCH); codes are upper-cased.</item>
/// <item>unbind {PLACEMENT*, HANDLER} → {count}: count goes up by one per handler found and by one more per handler
/// removed, so two per removed handler (placement-unbind.md, as documented).</item>
/// <item>get → the app's handlers: placement, userId, handler, options, title, description, langAll.
/// UNCONFIRMED: readable by any user of the app (not admin-only).</item>
/// <item>list → the codes the app may bind.</item>
/// </list>
/// </summary>
internal static class PlacementMethods
{
    public static void Register(MethodRegistry methods)
    {
        methods.Add("placement.bind", Bind);
        methods.Add("placement.unbind", Unbind);
        methods.Add("placement.get", Get);
        methods.Add("placement.list", List);
    }

    /// <summary>A handler as placement.get shows it (and <c>/_sandbox/state</c>, with its id).</summary>
    public static JObject ToJson(PlacementBinding binding) => new()
    {
        ["placement"] = binding.Placement,
        ["userId"] = binding.UserId,
        ["handler"] = binding.Handler,
        ["options"] = binding.Options.DeepClone(),
        ["title"] = binding.Title,
        ["description"] = binding.Description,
        ["groupName"] = binding.GroupName,
        ["langAll"] = binding.LangAll.DeepClone(),
    };

    /// <summary>A handler in <c>/_sandbox/state</c>: its id, then what placement.get shows.</summary>
    public static JObject State(PlacementBinding binding)
    {
        var json = ToJson(binding);
        json.AddFirst(new JProperty("id", binding.Id));
        return json;
    }

    private static MethodResult Bind(MethodCall call)
    {
        call.RequireAdmin();
        var code = Code(call);
        var handler = call.Parameters.String("HANDLER")?.Trim();
        if (string.IsNullOrEmpty(handler))
        {
            throw Argument("HANDLER");
        }

        if (!Uri.TryCreate(handler, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new RestException("ERROR_WRONG_HANDLER_URL", "Wrong handler URL: an absolute http or https address is required.");
        }

        var userId = call.Parameters.Int("USER_ID") ?? 0;
        if (userId != 0 && code != "PAGE_BACKGROUND_WORKER")
        {
            throw new RestException("ERROR_PLACEMENT_USER_MODE", "User mode is not available");
        }

        if (call.State.Placements.Values.Any(p => p.Placement == code && p.Handler == handler && p.UserId == userId))
        {
            throw RestException.Core("Unable to set placement handler: Handler already binded");
        }

        var langAll = LangAll(call.Parameters.Get("LANG_ALL"));
        var language = call.Portal.App.Language;
        var title = call.Parameters.String("TITLE") ?? Localized(langAll, language, "TITLE") ?? "";
        var description = call.Parameters.String("DESCRIPTION") ?? Localized(langAll, language, "DESCRIPTION") ?? "";
        var groupName = call.Parameters.String("GROUP_NAME") ?? Localized(langAll, language, "GROUP_NAME") ?? "";
        var options = PlacementCodes.KeepsOptions(code) && call.Parameters.Object("OPTIONS") is { } given ? given.DeepClone() : new JArray();
        var id = call.State.NextId("placement");
        call.State.Placements[id] = new PlacementBinding(id, code, handler, title, description, groupName, langAll, options, userId);
        return MethodResult.True;
    }

    private static MethodResult Unbind(MethodCall call)
    {
        call.RequireAdmin();
        var code = call.Parameters.String("PLACEMENT")?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            throw Argument("PLACEMENT");
        }

        var handler = call.Parameters.String("HANDLER")?.Trim();
        var userId = call.Parameters.Int("USER_ID");
        var removed = call.State.Placements.Values
            .Where(p => p.Placement == code && (string.IsNullOrEmpty(handler) || p.Handler == handler) && (userId is null || p.UserId == userId))
            .Select(p => p.Id)
            .ToList();
        foreach (var id in removed)
        {
            call.State.Placements.Remove(id);
        }

        return MethodResult.Of(new JObject { ["count"] = removed.Count * 2 });
    }

    private static MethodResult Get(MethodCall call) => MethodResult.Of(new JArray(call.State.Placements.Values.Select(ToJson)));

    private static MethodResult List(MethodCall call) =>
        MethodResult.Of(new JArray(PlacementCodes.All.Where(c => !PlacementCodes.NeedsCrm(c) || call.Caller.Scopes.Contains("crm"))));

    private static string Code(MethodCall call)
    {
        var code = call.Parameters.String("PLACEMENT")?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            throw Argument("PLACEMENT");
        }

        if (!PlacementCodes.IsBindable(code) || (PlacementCodes.NeedsCrm(code) && !call.Caller.Scopes.Contains("crm")))
        {
            throw new RestException("ERROR_PLACEMENT_NOT_FOUND", "Placement not found");
        }

        return code;
    }

    /// <summary>LANG_ALL as given: language → {TITLE, DESCRIPTION, GROUP_NAME}; languages lower-cased, other entries dropped.</summary>
    private static JObject LangAll(JToken? given)
    {
        var result = new JObject();
        if (given is not JObject languages)
        {
            return result;
        }

        foreach (var (language, value) in languages)
        {
            if (value is JObject texts)
            {
                result[language.ToLowerInvariant()] = new JObject
                {
                    ["TITLE"] = texts.String("TITLE") ?? "",
                    ["DESCRIPTION"] = texts.String("DESCRIPTION") ?? "",
                    ["GROUP_NAME"] = texts.String("GROUP_NAME") ?? "",
                };
            }
        }

        return result;
    }

    private static string? Localized(JObject langAll, string language, string key)
    {
        var texts = langAll[language] as JObject ?? langAll.Properties().Select(p => p.Value).OfType<JObject>().FirstOrDefault();
        return texts?.Value<string>(key) is { Length: > 0 } text ? text : null;
    }

    private static RestException Argument(string name) => new("ERROR_ARGUMENT", $"Argument '{name}' is null or empty");
}
