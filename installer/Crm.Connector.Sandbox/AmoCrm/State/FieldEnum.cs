namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>One choice of a list field (select, multiselect, radiobutton, multitext).</summary>
internal sealed class FieldEnum
{
    public required long Id { get; init; }

    public required string Value { get; set; }

    public int Sort { get; set; }

    public string? Code { get; set; }
}
