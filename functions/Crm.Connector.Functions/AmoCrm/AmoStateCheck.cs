namespace Crm.Connector.Functions.AmoCrm;

/// <summary>What checking a redirect's <c>state</c> found.</summary>
public enum AmoStateCheck
{
    Valid,

    /// <summary>No state (and the redirect is not a widget install, which has none).</summary>
    Missing,

    /// <summary>Not one of ours: wrong shape or signature.</summary>
    Forged,

    /// <summary>Ours, but older than the state lifetime (or from the future).</summary>
    Expired,
}
