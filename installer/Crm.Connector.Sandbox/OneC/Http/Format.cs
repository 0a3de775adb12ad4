using Crm.Connector.Sandbox.OneC.Core;
using Microsoft.AspNetCore.Http;

namespace Crm.Connector.Sandbox.OneC.Http;

/// <summary>
/// The representation asked for (§1.2): JSON by <c>$format=json</c> (any <c>json;odata=…</c> or
/// <c>application/json…</c> variant) or <c>Accept: application/json</c>; <c>odata=nometadata</c> drops
/// <c>odata.metadata</c>. 1C's default is atom-xml, which the sandbox does not speak: a read or write that did not ask
/// for JSON is refused with 406 code 3 ("representation type not supported") so that a client forgetting it fails in
/// tests instead of parsing XML in production. Decision; 1C itself would answer atom.
/// </summary>
internal sealed record Format(bool Json, bool Metadata)
{
    public static Format Of(HttpRequest request, IReadOnlyDictionary<string, string> query)
    {
        if (query.TryGetValue("$format", out var format))
        {
            var json = format.StartsWith("json", StringComparison.OrdinalIgnoreCase) || format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase);
            return new Format(json, !format.Contains("odata=nometadata", StringComparison.OrdinalIgnoreCase));
        }

        var accept = request.Headers.Accept.ToString();
        return new Format(accept.Contains("application/json", StringComparison.OrdinalIgnoreCase), !accept.Contains("odata=nometadata", StringComparison.OrdinalIgnoreCase));
    }

    public void RequireJson()
    {
        if (!Json)
        {
            throw new ODataException(406, "3", "Тип представления не поддерживается песочницей: укажите $format=json или Accept: application/json");
        }
    }
}
