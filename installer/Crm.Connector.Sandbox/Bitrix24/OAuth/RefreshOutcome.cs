namespace Crm.Connector.Sandbox.Bitrix24.OAuth;

/// <summary>The result of a refresh_token grant: the new pair, or why there is none.</summary>
internal sealed record RefreshOutcome(SandboxTokens? Tokens, string? Error)
{
    public static RefreshOutcome Refused(string error) => new(null, error);
}
