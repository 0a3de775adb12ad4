namespace Crm.Connector.Sandbox.AmoCrm.OAuth;

/// <summary>Whether an access token may call the API.</summary>
internal enum TokenCheck
{
    Valid,
    Unknown,
    Expired,
}
