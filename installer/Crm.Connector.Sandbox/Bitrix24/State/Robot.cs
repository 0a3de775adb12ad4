using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A robot the application registered (bizproc.robot.add, §5.1); fields kept as given.</summary>
internal sealed record Robot(string Code, string Handler, int? AuthUserId, string? UseSubscription, JToken Name, JObject Fields)
{
    /// <summary>§5.1: empty USE_SUBSCRIPTION behaves like Y (waits); only an explicit N disables waiting.</summary>
    public bool Waits => !string.Equals(UseSubscription, "N", StringComparison.OrdinalIgnoreCase);
}
