namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>A group (tab) of custom fields (<c>/api/v4/{entity}/custom_fields/groups</c>).</summary>
internal sealed class FieldGroup
{
    public required string Id { get; init; }

    public required EntityKind Entity { get; init; }

    public required string Name { get; set; }

    public int Sort { get; set; }

    public bool IsPredefined { get; init; }
}
