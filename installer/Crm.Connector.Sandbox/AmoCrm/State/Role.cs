using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A role (<c>/api/v4/roles</c>): a name and rights as letters A/G/M/D.</summary>
internal sealed class Role
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public required JObject Rights { get; set; }
}
