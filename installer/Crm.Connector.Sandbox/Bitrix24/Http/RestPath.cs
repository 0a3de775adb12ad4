namespace Crm.Connector.Sandbox.Bitrix24.Http;

/// <summary>
/// REST addresses (bitrix24-rest.md §2.4, §3): <c>/rest/{method}</c> (OAuth, token in <c>auth</c>) and
/// <c>/rest/{userId}/{secret}/{method}</c> (incoming webhook); the method may end with <c>.json</c>.
/// </summary>
internal sealed record RestPath(string Method, string? WebhookUser, string? WebhookSecret)
{
    public bool IsWebhook => WebhookUser is not null;

    public static RestPath? Parse(string path)
    {
        if (!path.StartsWith("/rest/", StringComparison.Ordinal))
        {
            return null;
        }

        var segments = path["/rest/".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments.Length switch
        {
            1 => new RestPath(MethodName(segments[0]), null, null),
            3 => new RestPath(MethodName(segments[2]), segments[0], segments[1]),
            2 => new RestPath("", segments[0], segments[1]),
            _ => null,
        };
    }

    /// <summary>Method names are case-insensitive; a <c>.json</c> (or <c>.xml</c>) suffix only picks the format.</summary>
    public static string MethodName(string raw)
    {
        var name = raw.Trim().ToLowerInvariant();
        foreach (var suffix in (string[])[".json", ".xml"])
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
