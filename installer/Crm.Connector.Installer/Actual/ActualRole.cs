using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Actual;

/// <summary>
/// An access role on the portal, its rights read back into the template's terms: object kind (<c>deal</c>,
/// <c>contact</c>, <c>company</c>, <c>task</c>…) → rights, as far as the CRM holds them.
/// </summary>
public sealed record ActualRole(string Id, string Name, IReadOnlyDictionary<string, RoleRights> Rights);
