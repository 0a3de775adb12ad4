namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>An OAuth pair the sandbox issued (as an installation or a refresh would).</summary>
public sealed record SandboxTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, int UserId)
{
    /// <summary>Tokens never appear in logs or assertion messages.</summary>
    public override string ToString() => $"SandboxTokens(user {UserId}, expires {ExpiresAt:O})";
}
