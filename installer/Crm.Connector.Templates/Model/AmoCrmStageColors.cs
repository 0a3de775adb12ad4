using System.Collections.Frozen;

namespace Crm.Connector.Templates.Model;

/// <summary>The only stage colours amoCRM lets an integration choose (API v4 pipelines reference; case does not matter).</summary>
public static class AmoCrmStageColors
{
    public static readonly FrozenSet<string> Allowed = FrozenSet.ToFrozenSet(
    [
        "#fffeb2", "#fffd7f", "#fff000", "#ffeab2", "#ffdc7f", "#ffce5a", "#ffdbdb", "#ffc8c8", "#ff8f92", "#d6eaff", "#c1e0ff",
        "#98cbff", "#ebffb1", "#deff81", "#87f2c0", "#f9deff", "#f3beff", "#ccc8f9", "#eb93ff", "#f2f3f4", "#e6e8ea",
    ], StringComparer.OrdinalIgnoreCase);
}
