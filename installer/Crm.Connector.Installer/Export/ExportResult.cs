using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Export;

/// <summary>An exported template and what could not be expressed in it.</summary>
public sealed record ExportResult(CrmTemplate Template, IReadOnlyList<string> Notes);
