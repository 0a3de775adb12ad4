using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Actual;

/// <summary>The lead funnel (id <c>leads</c>) or a pipeline on the portal.</summary>
public sealed record ActualFlow(string Id, CrmEntity Entity, string Name, bool IsDefault, IReadOnlyList<ActualStage> Stages);
