using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Bizproc;

/// <summary>
/// <c>bizproc.robot.add|update|delete|list</c> (bitrix24-rest.md §5.1, §5.2): application context and an admin; CODE
/// <c>[a-zA-Z0-9.-_]</c>; HANDLER an http(s) URL (ERROR_WRONG_HANDLER_URL); NAME required; PROPERTIES and
/// RETURN_PROPERTIES typed bool, date, datetime, double, file, int, select, string, text or user
/// (ERROR_ACTIVITY_VALIDATION_FAILURE); an existing CODE is ERROR_ACTIVITY_ALREADY_INSTALLED; update/delete of an
/// unknown CODE is ERROR_ACTIVITY_NOT_FOUND. UNCONFIRMED (§13): robots need a paid plan (free → 403 ACCESS_DENIED).
/// </summary>
internal static partial class RobotMethods
{
    public static readonly IReadOnlySet<string> PropertyTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "bool", "date", "datetime", "double", "file", "int", "select", "string", "text", "user",
    };

    private static readonly string[] FieldNames = ["HANDLER", "AUTH_USER_ID", "USE_SUBSCRIPTION", "NAME", "DESCRIPTION", "PROPERTIES", "RETURN_PROPERTIES", "DOCUMENT_TYPE", "FILTER", "USE_PLACEMENT", "PLACEMENT_HANDLER"];

    public static void Register(MethodRegistry methods)
    {
        methods.Add("bizproc.robot.add", Add);
        methods.Add("bizproc.robot.update", Update);
        methods.Add("bizproc.robot.delete", Delete);
        methods.Add("bizproc.robot.list", List);
    }

    public static JObject ToJson(Robot robot)
    {
        var json = (JObject)robot.Fields.DeepClone();
        json.AddFirst(new JProperty("CODE", robot.Code));
        return json;
    }

    private static MethodResult Add(MethodCall call)
    {
        Guard(call);
        var code = call.Parameters.String("CODE")?.Trim();
        if (string.IsNullOrEmpty(code) || !CodePattern().IsMatch(code))
        {
            throw Validation("Wrong activity code: use Latin letters, digits, '.', '-' and '_'.");
        }

        if (call.State.Robots.ContainsKey(code))
        {
            throw new RestException("ERROR_ACTIVITY_ALREADY_INSTALLED", "Activity or Robot already installed!");
        }

        var fields = new JObject();
        foreach (var name in FieldNames)
        {
            if (call.Parameters.Get(name) is { } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        call.State.Robots[code] = Validate(code, fields);
        return MethodResult.True;
    }

    private static MethodResult Update(MethodCall call)
    {
        Guard(call);
        var robot = Find(call);
        if (call.Parameters.Object("FIELDS") is not { Count: > 0 } changes)
        {
            throw Validation("No fields to update.");
        }

        var fields = (JObject)robot.Fields.DeepClone();
        foreach (var name in FieldNames)
        {
            if (changes.Get(name) is { } value)
            {
                fields[name] = value.DeepClone();
            }
        }

        call.State.Robots[robot.Code] = Validate(robot.Code, fields);
        return MethodResult.True;
    }

    private static MethodResult Delete(MethodCall call)
    {
        Guard(call);
        call.State.Robots.Remove(Find(call).Code);
        return MethodResult.True;
    }

    private static MethodResult List(MethodCall call)
    {
        Guard(call);
        return MethodResult.Of(new JArray(call.State.Robots.Keys));
    }

    private static void Guard(MethodCall call)
    {
        call.RequireAdmin();
        if (!call.Portal.Plan.Robots)
        {
            throw RestException.AccessDenied($"Automation rules (robots) are not available on the '{call.Portal.Plan.Name}' plan.");
        }
    }

    private static Robot Find(MethodCall call)
    {
        var code = call.Parameters.String("CODE")?.Trim() ?? "";
        return call.State.Robots.GetValueOrDefault(code) ?? throw new RestException("ERROR_ACTIVITY_NOT_FOUND", $"Activity or Robot '{code}' not found!");
    }

    private static Robot Validate(string code, JObject fields)
    {
        var handler = fields.String("HANDLER");
        if (!Uri.TryCreate(handler, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new RestException("ERROR_WRONG_HANDLER_URL", "Wrong handler URL: an absolute http or https address is required.");
        }

        var name = fields.Get("NAME");
        if (name is null || (name is JObject map ? map.Count == 0 : string.IsNullOrWhiteSpace(Params.AsString(name))))
        {
            throw Validation("Empty activity name!");
        }

        foreach (var key in (string[])["PROPERTIES", "RETURN_PROPERTIES"])
        {
            CheckProperties(key, fields.Get(key));
        }

        return new Robot(code, url.AbsoluteUri, fields.Int("AUTH_USER_ID"), fields.String("USE_SUBSCRIPTION"), name.DeepClone(), fields);
    }

    private static void CheckProperties(string key, JToken? properties)
    {
        if (properties is null || properties is JArray { Count: 0 })
        {
            return;
        }

        if (properties is not JObject map)
        {
            throw Validation($"{key} must be an object of properties.");
        }

        foreach (var (name, property) in map)
        {
            if (!PropertyName().IsMatch(name))
            {
                throw Validation($"{key}: wrong property name '{name}' (start with a letter; Latin letters, digits and _).");
            }

            var type = (property as JObject)?.String("Type");
            if (type is null || !PropertyTypes.Contains(type))
            {
                throw Validation($"{key}: property '{name}' has an unsupported Type '{type}' (bool, date, datetime, double, file, int, select, string, text, user).");
            }
        }
    }

    private static RestException Validation(string description) => new("ERROR_ACTIVITY_VALIDATION_FAILURE", description);

    [GeneratedRegex(@"^[a-zA-Z0-9.\-_]+$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_]*$")]
    private static partial Regex PropertyName();
}
