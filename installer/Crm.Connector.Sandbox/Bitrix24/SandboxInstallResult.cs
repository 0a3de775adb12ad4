namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>What installing, updating or uninstalling the app did: the POSTs in the order sent, and what they carried.</summary>
public sealed record SandboxInstallResult
{
    /// <summary>Every POST, in the order sent.</summary>
    public required IReadOnlyList<SandboxInstallPost> Posts { get; init; }

    /// <summary>The OAuth pair the messages carried (admin, user 1); null for ONAPPUNINSTALL, which carries none (§1.5).</summary>
    public SandboxTokens? Tokens { get; init; }

    /// <summary>The <c>application_token</c> the messages carried (after an update: the new one, §1.4).</summary>
    public required string ApplicationToken { get; init; }

    /// <summary>The portal's <c>member_id</c>.</summary>
    public required string MemberId { get; init; }

    /// <summary>The app's version after the operation.</summary>
    public required string Version { get; init; }

    /// <summary>Every POST was answered 2xx.</summary>
    public bool Succeeded => Posts.All(p => p.Succeeded);

    /// <summary>The POST named <paramref name="name"/> (<see cref="SandboxInstallPost.Callback"/> or an event name), or null.</summary>
    public SandboxInstallPost? Post(string name) => Posts.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>Tokens never appear in logs or assertion messages.</summary>
    public override string ToString() => $"SandboxInstallResult({string.Join(", ", Posts.Select(p => $"{p.Name} {p.StatusCode}"))})";
}
