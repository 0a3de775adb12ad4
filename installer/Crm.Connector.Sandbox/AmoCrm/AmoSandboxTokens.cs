namespace Crm.Connector.Sandbox.AmoCrm;

/// <summary>An OAuth pair the account issued (as after consent or a refresh, amocrm-api.md §2.4).</summary>
public sealed record AmoSandboxTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt, long UserId)
{
    /// <summary>Tokens never appear in logs or assertion messages.</summary>
    public override string ToString() => $"AmoSandboxTokens(user {UserId}, expires {ExpiresAt:O})";
}
