using System.Text.RegularExpressions;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Items;

/// <summary>
/// User field names in crm.item.* (bitrix24-rest.md §8): camelCase by default — <c>UF_CRM_MANAGER_NOTE</c> →
/// <c>ufCrmManagerNote</c>, <c>UF_CRM_1720019876534</c> → <c>ufCrm_1720019876534</c> (an underscore before a digit
/// stays) — or the original names with <c>useOriginalUfNames=Y</c>.
/// </summary>
internal static partial class UfNames
{
    public static string ToCamel(string fieldName) =>
        LetterAfterUnderscore().Replace(fieldName.ToLowerInvariant(), m => m.Groups[1].Value.ToUpperInvariant());

    [GeneratedRegex("_([a-z])")]
    private static partial Regex LetterAfterUnderscore();
}
