using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24;

/// <summary>
/// One REST method the portal has just run, as <see cref="SandboxFaults.AfterMethod"/> sees it: its changes are kept and
/// its answer is not written yet. Parameters and result are copies; changing them changes nothing.
/// </summary>
public sealed record SandboxMethodRun
{
    /// <summary>The method as the portal names it (<c>tasks.task.add</c>), or <c>batch</c> for a whole batch.</summary>
    public required string Method { get; init; }

    /// <summary>The command's key when it ran inside a <c>batch</c>; null for a call of its own (and for the batch itself).</summary>
    public string? BatchKey { get; init; }

    /// <summary>True for a command inside a <c>batch</c>.</summary>
    public bool InBatch => BatchKey is not null;

    /// <summary>The parameters the method got (inside a batch: after <c>$result[…]</c> references were filled in).</summary>
    public required JObject Parameters { get; init; }

    /// <summary>What the method answers as <c>result</c>; null when it failed.</summary>
    public JToken? Result { get; init; }

    /// <summary>The error code the method answers with (<c>ERROR_CORE</c>, <c>NOT_FOUND</c>…); null when it succeeded.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>True when the method succeeded (its changes, if any, are kept).</summary>
    public bool Succeeded => ErrorCode is null;
}
