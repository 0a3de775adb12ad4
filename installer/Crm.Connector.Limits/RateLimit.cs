namespace Crm.Connector.Limits;

/// <summary>
/// An account's request budget as a leaky bucket (bitrix24-rest.md §12.1): up to <see cref="Burst"/> requests at once,
/// draining at <see cref="DrainPerSecond"/>. In any window of T seconds at most <c>Burst + DrainPerSecond × T</c> requests
/// leave. A Bitrix24 batch counts as one request. The presets below are Bitrix24's plans; amoCRM's limit is in its
/// client's options.
/// </summary>
public sealed record RateLimit(int Burst, double DrainPerSecond)
{
    /// <summary>Every plan but Enterprise: 50 at once, 2 per second.</summary>
    public static readonly RateLimit Standard = new(50, 2);

    /// <summary>Enterprise: 250 at once, 5 per second.</summary>
    public static readonly RateLimit Enterprise = new(250, 5);

    /// <summary>The limit of a plan (<c>enterprise</c> or anything else).</summary>
    public static RateLimit ForPlan(string? plan) =>
        string.Equals(plan, "enterprise", StringComparison.OrdinalIgnoreCase) || string.Equals(plan, "ent", StringComparison.OrdinalIgnoreCase) ? Enterprise : Standard;
}
