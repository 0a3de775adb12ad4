using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Actual;

/// <summary>A stage on the portal. <see cref="Code"/> is comparable with template codes (a pipeline prefix removed).</summary>
public sealed record ActualStage(string Id, string Code, string RawCode, string Name, string? Color, StageSemantics Semantics, int Sort, bool System);
