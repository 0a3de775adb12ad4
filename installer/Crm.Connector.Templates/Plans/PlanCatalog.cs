using System.Collections.Frozen;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Templates.Plans;

/// <summary>
/// The plans (tariffs) of each CRM, lowest first. A template part that <c>requiresPlan: X</c> is installed on X and
/// every plan above it. Templates use the canonical names; <see cref="Normalize"/> also accepts the older and
/// specialised Bitrix24 plan names the seeds use (mapped to the current plan with the same CRM features — an
/// assumption, since Bitrix24 does not document the mapping).
/// </summary>
public static class PlanCatalog
{
    private static readonly FrozenDictionary<CrmKind, string[]> Ladders = new Dictionary<CrmKind, string[]>
    {
        [CrmKind.Bitrix24] = ["free", "basic", "standard", "professional", "enterprise"],
        [CrmKind.AmoCrm] = ["base", "advanced", "enterprise"],
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<CrmKind, FrozenDictionary<string, string>> Aliases =
        new Dictionary<CrmKind, FrozenDictionary<string, string>>
        {
            [CrmKind.Bitrix24] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                // Older plan line: Project ≈ free, Team (Команда) ≈ standard, Company (Компания) ≈ professional.
                ["project"] = "free",
                ["team"] = "standard",
                ["company"] = "professional",
                // Specialised lines (Start+, Tasks+, Project+ carry CRM basics; CRM+ carries the full CRM of standard).
                ["start-plus"] = "basic",
                ["tasks-plus"] = "basic",
                ["project-plus"] = "basic",
                ["crm-plus"] = "standard",
                ["ent"] = "enterprise",
            }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            [CrmKind.AmoCrm] = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["basic"] = "base",
                ["extended"] = "advanced",
                ["professional"] = "enterprise",
            }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
        }.ToFrozenDictionary();

    /// <summary>The plans of <paramref name="crm"/>, lowest first.</summary>
    public static IReadOnlyList<string> PlansOf(CrmKind crm) => Ladders[crm];

    /// <summary>The lowest plan of <paramref name="crm"/>.</summary>
    public static string Lowest(CrmKind crm) => Ladders[crm][0];

    /// <summary>True when <paramref name="plan"/> is a canonical plan name of <paramref name="crm"/>.</summary>
    public static bool IsKnown(CrmKind crm, string plan) => Array.IndexOf(Ladders[crm], plan) >= 0;

    /// <summary>The canonical plan for a canonical name or alias, or null when unknown.</summary>
    public static string? Normalize(CrmKind crm, string plan)
    {
        var trimmed = plan.Trim().ToLowerInvariant();
        if (IsKnown(crm, trimmed))
        {
            return trimmed;
        }

        return Aliases[crm].TryGetValue(trimmed, out var canonical) ? canonical : null;
    }

    /// <summary>Position of a canonical plan on the ladder (0 = lowest).</summary>
    public static int Rank(CrmKind crm, string plan)
    {
        var rank = Array.IndexOf(Ladders[crm], plan);
        return rank >= 0 ? rank : throw new ArgumentException($"'{plan}' is not a {crm} plan.", nameof(plan));
    }

    /// <summary>True when a portal on <paramref name="portalPlan"/> gets a part that requires <paramref name="requiredPlan"/>.</summary>
    public static bool Includes(CrmKind crm, string portalPlan, string? requiredPlan) =>
        requiredPlan is null || Rank(crm, portalPlan) >= Rank(crm, requiredPlan);

    /// <summary>The higher of two plans (null counts as the lowest).</summary>
    public static string? Max(CrmKind crm, string? a, string? b)
    {
        if (a is null || !IsKnown(crm, a))
        {
            return b;
        }

        if (b is null || !IsKnown(crm, b))
        {
            return a;
        }

        return Rank(crm, a) >= Rank(crm, b) ? a : b;
    }
}
