using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model;

/// <summary>Units a template may count time in.</summary>
public enum DelayUnit
{
    [EnumMember(Value = "minutes")]
    Minutes,

    [EnumMember(Value = "hours")]
    Hours,

    /// <summary>Calendar days.</summary>
    [EnumMember(Value = "days")]
    Days,

    /// <summary>Working days of the portal's calendar (Mon–Fri unless the installation says otherwise).</summary>
    [EnumMember(Value = "businessDays")]
    BusinessDays,

    /// <summary>Calendar months (same day of month, clamped to the month's length).</summary>
    [EnumMember(Value = "months")]
    Months,
}
