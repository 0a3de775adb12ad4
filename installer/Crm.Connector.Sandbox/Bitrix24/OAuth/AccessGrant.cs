namespace Crm.Connector.Sandbox.Bitrix24.OAuth;

/// <summary>An issued access token: for whom and until when.</summary>
internal sealed record AccessGrant(int UserId, DateTimeOffset ExpiresAt);
