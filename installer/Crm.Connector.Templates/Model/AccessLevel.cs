using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model;

/// <summary>How far a right reaches (amoCRM A / G / M / D).</summary>
public enum AccessLevel
{
    /// <summary>Everything.</summary>
    [EnumMember(Value = "all")]
    All,

    /// <summary>Items of the user's department or group.</summary>
    [EnumMember(Value = "group")]
    Group,

    /// <summary>Only items the user is responsible for (or wrote).</summary>
    [EnumMember(Value = "own")]
    Own,

    /// <summary>Nothing.</summary>
    [EnumMember(Value = "none")]
    None,
}
