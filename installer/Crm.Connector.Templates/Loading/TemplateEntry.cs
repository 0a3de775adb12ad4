using Crm.Connector.Templates.Model;

namespace Crm.Connector.Templates.Loading;

/// <summary>A built-in template: its CRM, name and file.</summary>
public sealed record TemplateEntry(CrmKind Crm, string Name, string Path);
