using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.Http;

/// <summary>
/// Typed reads of one body item, adding <c>InvalidType</c> (wrong JSON type) and <c>FieldMissing</c> (required and
/// absent) errors with the item's request id and a path relative to the item (<c>_embedded.statuses.0.color</c>).
/// Numbers must be JSON numbers: amoCRM refuses numeric strings where it expects an int.
/// </summary>
internal sealed class FieldReader(JObject item, string requestId, ValidationErrors errors, string prefix = "")
{
    public JObject Item => item;

    public string RequestId => requestId;

    public ValidationErrors Errors => errors;

    public bool Has(string name) => item.ContainsKey(name);

    public string PathOf(string name) => prefix + name;

    public void Error(string code, string name, string detail) => errors.Add(requestId, code, PathOf(name), detail);

    public FieldReader Nested(JObject child, string path) => new(child, requestId, errors, prefix + path + ".");

    public long? Long(string name, bool required = false)
    {
        var token = item[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            Missing(name, required);
            return null;
        }

        if (token.Type == JTokenType.Integer)
        {
            return token.Value<long>();
        }

        Error("InvalidType", name, "This value should be of type int.");
        return null;
    }

    public int? Int(string name, bool required = false) => Long(name, required) is { } value ? (int)Math.Clamp(value, int.MinValue, int.MaxValue) : null;

    public string? String(string name, bool required = false, bool allowEmpty = false)
    {
        var token = item[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            Missing(name, required);
            return null;
        }

        if (token.Type != JTokenType.String)
        {
            Error("InvalidType", name, "This value should be of type string.");
            return null;
        }

        var text = token.Value<string>()!;
        if (text.Length == 0 && !allowEmpty && required)
        {
            Error("FieldIsEmpty", name, "This value should not be blank.");
            return null;
        }

        return text;
    }

    public bool? Bool(string name, bool required = false)
    {
        var token = item[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            Missing(name, required);
            return null;
        }

        if (token.Type == JTokenType.Boolean)
        {
            return token.Value<bool>();
        }

        Error("InvalidType", name, "This value should be of type bool.");
        return null;
    }

    public JArray? Array(string name, bool required = false)
    {
        var token = item[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            Missing(name, required);
            return null;
        }

        if (token is JArray array)
        {
            return array;
        }

        Error("InvalidType", name, "This value should be of type array.");
        return null;
    }

    public JObject? Object(string name)
    {
        var token = item[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is JObject obj)
        {
            return obj;
        }

        Error("InvalidType", name, "This value should be of type object.");
        return null;
    }

    public static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private void Missing(string name, bool required)
    {
        if (required)
        {
            Error("FieldMissing", name, "This field is missing.");
        }
    }
}
