using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Actual;

/// <summary>A stage on the portal. <see cref="Code"/> is comparable with template codes (a pipeline prefix removed).</summary>
public sealed record ActualStage(string Id, string Code, string RawCode, string Name, string? Color, StageSemantics Semantics, int Sort, bool System)
{
    /// <summary>The name the CRM gave the stage when it made it (Bitrix24's <c>NAME_INIT</c> of a system status), if it says.</summary>
    public string? InitialName { get; init; }

    /// <summary>One of the portal's own default stages that nobody has renamed: a system stage still under its initial name.</summary>
    public bool IsUntouchedDefault => System && InitialName is { Length: > 0 } && Name == InitialName;
}
