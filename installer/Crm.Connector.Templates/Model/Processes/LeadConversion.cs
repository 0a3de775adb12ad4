using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>Who turns a qualified lead into a contact and a deal.</summary>
public enum LeadConversion
{
    /// <summary>
    /// The app, when the lead reaches the success stage (seed 000: candidates go to «Подбор инструкторов» by «Цель») —
    /// unless the lead was already converted in the portal's own way (a deal, contact or company made from it).
    /// </summary>
    [EnumMember(Value = "automatic")]
    Automatic,

    /// <summary>
    /// The manager, with the portal's own conversion, choosing what to create and in which pipeline (seed 001); the app
    /// creates nothing.
    /// </summary>
    [EnumMember(Value = "manual")]
    Manual,
}
