namespace Crm.Connector.Sandbox.AmoCrm.Routes.Pipelines;

/// <summary>§3: the 21 colours a status may be given (system statuses keep their own fixed colours).</summary>
internal static class StatusColors
{
    public const string Default = "#fffeb2";

    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "#fffeb2", "#fffd7f", "#fff000", "#ffeab2", "#ffdc7f", "#ffce5a", "#ffdbdb", "#ffc8c8", "#ff8f92", "#d6eaff",
        "#c1e0ff", "#98cbff", "#ebffb1", "#deff81", "#87f2c0", "#f9deff", "#f3beff", "#ccc8f9", "#eb93ff", "#f2f3f4",
        "#e6e8ea",
    };
}
