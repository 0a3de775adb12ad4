namespace Crm.Connector.Sandbox.Bitrix24.OAuth;

/// <summary>An issued refresh token; <see cref="Used"/> once exchanged (rotation, §2.3).</summary>
internal sealed record RefreshGrant(int UserId, DateTimeOffset ExpiresAt, bool Used);
