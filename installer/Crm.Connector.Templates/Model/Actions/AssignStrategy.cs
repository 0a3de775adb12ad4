using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model.Actions;

/// <summary>How <see cref="AssignAction"/> picks the responsible user.</summary>
public enum AssignStrategy
{
    /// <summary>In turn, skipping users who are inactive.</summary>
    [EnumMember(Value = "roundRobin")]
    RoundRobin,

    /// <summary>The user with the fewest open items.</summary>
    [EnumMember(Value = "leastLoaded")]
    LeastLoaded,
}
