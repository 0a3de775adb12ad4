using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// <c>crm.duplicate.findbycomm</c>: items with any of up to 20 phones or e-mails. <c>entity_type</c> LEAD, CONTACT or
/// COMPANY (none: all three), <c>type</c> PHONE or EMAIL. Answers <c>{"LEAD":[ids]}</c> (per type found), or an empty
/// array <c>[]</c> when nothing matches — PHP's empty array, as apps in the wild handle it. Phones match by their digits
/// (a leading 8 of an 11-digit number read as 7), e-mails case-insensitively.
/// </summary>
internal static class DuplicateMethods
{
    public const int MaxValues = 20;

    public static void Register(MethodRegistry methods) => methods.Add("crm.duplicate.findbycomm", FindByComm);

    private static MethodResult FindByComm(MethodCall call)
    {
        var type = call.Parameters.String("type")?.ToUpperInvariant();
        if (type is not ("PHONE" or "EMAIL"))
        {
            throw RestException.Core("Parameter 'type' must be PHONE or EMAIL.");
        }

        var values = call.Parameters.Get("values") switch
        {
            JArray list => list.Select(v => Params.AsString(v) ?? string.Empty).ToList(),
            JValue single when Params.AsString(single) is { } one => [one],
            _ => throw RestException.Core("Parameter 'values' must be a list of phones or e-mails."),
        };
        if (values.Count > MaxValues)
        {
            throw RestException.Core($"Too many values: at most {MaxValues}.");
        }

        var entityType = call.Parameters.String("entity_type")?.ToUpperInvariant();
        var entities = entityType switch
        {
            null or "" => [EntityKind.Lead, EntityKind.Contact, EntityKind.Company],
            "LEAD" => [EntityKind.Lead],
            "CONTACT" => [EntityKind.Contact],
            "COMPANY" => new[] { EntityKind.Company },
            _ => throw RestException.Core("Parameter 'entity_type' must be LEAD, CONTACT or COMPANY."),
        };
        var wanted = values.Select(v => Key(type, v)).Where(v => v.Length > 0).ToHashSet(StringComparer.Ordinal);
        var answer = new JObject();
        foreach (var entity in entities)
        {
            var ids = call.State.Table(entity).Rows
                .Where(r => (r.Value[type] as JArray ?? []).OfType<JObject>().Any(m => wanted.Contains(Key(type, m.Value<string>("VALUE") ?? string.Empty))))
                .Select(r => r.Key)
                .ToList();
            if (ids.Count > 0)
            {
                answer[entity.DocumentType] = new JArray(ids);
            }
        }

        return MethodResult.Of(answer.Count == 0 ? new JArray() : answer);
    }

    private static string Key(string type, string value)
    {
        if (type == "EMAIL")
        {
            return value.Trim().ToLowerInvariant();
        }

        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        return digits.Length == 11 && digits[0] == '8' ? "7" + digits[1..] : digits;
    }
}
