using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A user of the account (amocrm-api.md §10).</summary>
internal sealed class User
{
    public required long Id { get; init; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public string Lang { get; set; } = "ru";

    public bool IsAdmin { get; set; }

    public bool IsActive { get; set; } = true;

    public long GroupId { get; set; }

    public long? RoleId { get; set; }

    /// <summary>Entity rights (<c>leads</c>, <c>contacts</c>, <c>companies</c>, <c>tasks</c>) as letters.</summary>
    public required JObject Rights { get; set; }
}
