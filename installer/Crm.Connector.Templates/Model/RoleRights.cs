namespace Crm.Connector.Templates.Model;

/// <summary>The rights of a role on one kind of object; an omitted action means <see cref="AccessLevel.None"/>.</summary>
public sealed record RoleRights
{
    public AccessLevel View { get; init; } = AccessLevel.None;

    public AccessLevel Add { get; init; } = AccessLevel.None;

    public AccessLevel Edit { get; init; } = AccessLevel.None;

    public AccessLevel Delete { get; init; } = AccessLevel.None;

    public AccessLevel Export { get; init; } = AccessLevel.None;
}
