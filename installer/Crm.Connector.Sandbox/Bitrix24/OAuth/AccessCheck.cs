namespace Crm.Connector.Sandbox.Bitrix24.OAuth;

/// <summary>How an access token checks out.</summary>
internal enum AccessCheck
{
    Valid,
    Unknown,
    Expired,
}
