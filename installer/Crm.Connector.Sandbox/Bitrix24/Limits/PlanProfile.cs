namespace Crm.Connector.Sandbox.Bitrix24.Limits;

/// <summary>What a plan means to the portal: rate limit (§12.1), app.info LICENSE (§13) and plan limits.</summary>
/// <param name="Name">free, basic, standard, professional or enterprise.</param>
/// <param name="Burst">Leaky-bucket size X (§12.1: 50; Enterprise 250).</param>
/// <param name="DrainPerSecond">Leaky-bucket drain Y (§12.1: 2 req/s; Enterprise 5).</param>
/// <param name="License">app.info LICENSE, <c>ru_</c> + plan code (§13).</param>
/// <param name="LicenseType">app.info LICENSE_TYPE.</param>
/// <param name="LicenseFamily">app.info LICENSE_FAMILY.</param>
/// <param name="MaxPipelines">Deal pipelines allowed, the default one included; null = unlimited.</param>
/// <param name="Robots">Whether robots (bizproc.robot.*) are available.</param>
internal sealed record PlanProfile(string Name, int Burst, double DrainPerSecond, string License, string LicenseType, string LicenseFamily, int? MaxPipelines, bool Robots)
{
    /// <summary>
    /// The plans. §13: LICENSE is <c>&lt;lang&gt;_&lt;plan&gt;</c> (basic, std, pro100, ent250…). UNCONFIRMED: the free
    /// plan's code (<c>ru_free</c>/family <c>free</c>) is assumed. UNCONFIRMED (§6.1, §13, §17): pipeline counts per plan
    /// (free 1, basic 2, standard 10, professional/enterprise unlimited) and "no robots on free" come from third-party
    /// summaries, not from REST docs.
    /// </summary>
    public static PlanProfile For(string plan) => Normalize(plan) switch
    {
        "free" => new PlanProfile("free", 50, 2, "ru_free", "free", "free", 1, false),
        "basic" => new PlanProfile("basic", 50, 2, "ru_basic", "basic", "basic", 2, true),
        "standard" => new PlanProfile("standard", 50, 2, "ru_std", "std", "std", 10, true),
        "professional" => new PlanProfile("professional", 50, 2, "ru_pro100", "pro100", "pro", null, true),
        "enterprise" => new PlanProfile("enterprise", 250, 5, "ru_ent250", "ent250", "ent", null, true),
        _ => throw new ArgumentException($"Unknown Bitrix24 plan '{plan}'; use free, basic, standard, professional or enterprise.", nameof(plan)),
    };

    /// <summary>
    /// §4.6: the offline events' <c>auth_connector</c> (echo suppression) works on the Professional plan and above; on
    /// lower plans the key is ignored (assumed: the change is queued as if no key had been given).
    /// </summary>
    public bool AuthConnector => Name is "professional" or "enterprise";

    private static string Normalize(string plan) => plan.Trim().ToLowerInvariant() switch
    {
        "std" => "standard",
        "pro" or "pro100" => "professional",
        "ent" or "ent250" => "enterprise",
        var other => other,
    };
}
