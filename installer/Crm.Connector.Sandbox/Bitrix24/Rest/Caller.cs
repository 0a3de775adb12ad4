namespace Crm.Connector.Sandbox.Bitrix24.Rest;

/// <summary>Who calls a REST method: a webhook (user context) or the application through an OAuth token (§2.4, §3).</summary>
/// <param name="UserId">The user whose rights apply.</param>
/// <param name="IsApp">True for OAuth calls (application context), false for incoming webhooks.</param>
/// <param name="Scopes">Granted scopes.</param>
internal sealed record Caller(int UserId, bool IsApp, IReadOnlySet<string> Scopes);
