using System.Text.RegularExpressions;
using Crm.Connector.Sandbox.OneC.Core;

namespace Crm.Connector.Sandbox.OneC.Http;

/// <summary>
/// The resource path after <c>/standard.odata/</c> (§1.3): empty (service document), <c>Set</c>, <c>Set(guid'…')</c>,
/// <c>Set(guid'…')/Post</c> or <c>/Unpost</c> (§1.6, also with <c>()</c>), or <c>Set/$count</c>.
/// </summary>
internal sealed partial record ODataRequest(string Set, Guid? Key, string? Action, bool Count)
{
    public static ODataRequest Parse(string resource)
    {
        var match = ResourcePattern().Match(resource);
        if (!match.Success)
        {
            throw new ODataException(400, "6", $"Неверный URL: {resource}");
        }

        Guid? key = null;
        if (match.Groups["key"].Success)
        {
            key = Guid.TryParseExact(match.Groups["key"].Value, "D", out var guid)
                ? guid
                : throw new ODataException(400, "7", $"Неверный ключ: {match.Groups["key"].Value}");
        }

        var action = match.Groups["action"].Success ? match.Groups["action"].Value : null;
        var valid = action switch
        {
            null => true,
            "$count" => key is null,
            "Post" or "Unpost" => key is not null,
            _ => false,
        };
        if (!valid)
        {
            throw new ODataException(400, "11", $"Метод не найден: {action}");
        }

        return new ODataRequest(match.Groups["set"].Value, key, action == "$count" ? null : action, action == "$count");
    }

    [GeneratedRegex(@"^(?<set>[\p{L}\p{Nd}_]+)(?:\(guid'(?<key>[^']*)'\))?(?:/(?<action>[\p{L}$]+)(?:\(\))?)?/?$")]
    private static partial Regex ResourcePattern();
}
