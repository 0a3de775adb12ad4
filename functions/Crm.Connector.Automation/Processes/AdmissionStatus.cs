namespace Crm.Connector.Automation.Processes;

public enum AdmissionStatus
{
    /// <summary>All results present and in range, sum at or above the threshold.</summary>
    Admitted,

    /// <summary>All results present and in range, sum below the threshold.</summary>
    NotAdmitted,

    /// <summary>Some results are still blank: not admitted yet.</summary>
    Incomplete,

    /// <summary>Some result is outside the allowed range: rejected, not admitted.</summary>
    Invalid,
}
