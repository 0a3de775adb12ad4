namespace Crm.Connector.Installer.Bitrix24;

/// <summary>
/// Bitrix24 plans as the engine needs them. UNCONFIRMED (bitrix24-rest.md §13: no REST method reports plan limits):
/// the license codes follow the documented <c>{lang}_{plan}</c> form, and the pipeline limits are those the
/// seeds' tariff lists imply (free: the default pipeline only, basic: 2, standard: 10, professional and above: no limit).
/// </summary>
public static class Bitrix24Plans
{
    /// <summary>Our plan for <c>app.info</c>'s LICENSE / LICENSE_FAMILY, or null when it cannot be told.</summary>
    public static string? FromLicense(string? license, string? family)
    {
        var code = (family is { Length: > 0 } ? family : license?[(license.IndexOf('_', StringComparison.Ordinal) + 1)..])?.ToLowerInvariant();
        return code switch
        {
            null or "" => null,
            _ when code.StartsWith("ent", StringComparison.Ordinal) => "enterprise",
            _ when code.StartsWith("pro", StringComparison.Ordinal) || code.StartsWith("company", StringComparison.Ordinal) => "professional",
            _ when code.StartsWith("std", StringComparison.Ordinal) || code.StartsWith("team", StringComparison.Ordinal) || code.StartsWith("crm", StringComparison.Ordinal) => "standard",
            _ when code.StartsWith("basic", StringComparison.Ordinal) || code.StartsWith("start", StringComparison.Ordinal) || code.StartsWith("tasks", StringComparison.Ordinal) => "basic",
            _ when code.StartsWith("free", StringComparison.Ordinal) || code.StartsWith("project", StringComparison.Ordinal) => "free",
            _ => null,
        };
    }

    /// <summary>How many deal pipelines (the default one included) a plan allows; null when unlimited.</summary>
    public static int? PipelineLimit(string plan) => plan switch
    {
        "free" => 1,
        "basic" => 2,
        "standard" => 10,
        _ => null,
    };
}
