namespace Crm.Connector.Sandbox.AmoCrm.OAuth;

/// <summary>
/// What a grant at the token endpoint gave: a pair, or an OAuth error (status and <c>hint</c>, §2.5:
/// <c>{"hint":"Token has been revoked",…,"type":".../OAuthProblemJson","status":401}</c>).
/// </summary>
internal sealed record OAuthOutcome(AmoSandboxTokens? Tokens, int Status, string? Hint)
{
    public static OAuthOutcome Issued(AmoSandboxTokens tokens) => new(tokens, 200, null);

    public static OAuthOutcome Refused(int status, string hint) => new(null, status, hint);
}
