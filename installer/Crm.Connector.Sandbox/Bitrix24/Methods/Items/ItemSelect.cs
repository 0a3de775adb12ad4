using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// <c>select</c> of item lists. Legacy lists without select give the standard fields only (user fields need
/// <c>UF_*</c> or their names); <c>*</c> = all standard fields. crm.item.list without select (or with <c>*</c>) gives
/// everything. The id is always included.
/// </summary>
internal sealed class ItemSelect
{
    private readonly HashSet<string> _names;
    private readonly bool _allStandard;
    private readonly bool _allUser;

    private ItemSelect(HashSet<string> names, bool allStandard, bool allUser)
    {
        _names = names;
        _allStandard = allStandard;
        _allUser = allUser;
    }

    public static ItemSelect Legacy(JToken? select)
    {
        var names = Names(select);
        if (names.Count == 0)
        {
            return new ItemSelect(["ID"], allStandard: true, allUser: false);
        }

        names.Add("ID");
        return new ItemSelect(names, names.Contains("*"), names.Contains("UF_*"));
    }

    public static ItemSelect? Modern(JToken? select)
    {
        var names = Names(select);
        if (names.Count == 0 || names.Contains("*"))
        {
            return null;
        }

        names.Add("id");
        return new ItemSelect(names, false, names.Contains("uf*") || names.Contains("ufCrm*") || names.Contains("UF_*"));
    }

    public bool Includes(string name, bool isUserField) => _names.Contains(name) || (isUserField ? _allUser : _allStandard);

    private static HashSet<string> Names(JToken? select) => select switch
    {
        JArray items => new HashSet<string>(items.Select(i => i.ToString().Trim()).Where(n => n.Length > 0), StringComparer.Ordinal),
        JValue { Type: JTokenType.String } text when !string.IsNullOrWhiteSpace((string?)text) => new HashSet<string>([((string)text!).Trim()], StringComparer.Ordinal),
        _ => new HashSet<string>(StringComparer.Ordinal),
    };
}
