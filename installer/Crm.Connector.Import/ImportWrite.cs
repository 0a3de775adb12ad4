namespace Crm.Connector.Import;

/// <summary>One write's outcome: the item id, or the CRM's error message.</summary>
public sealed record ImportWrite(long? Id, string? Error)
{
    public bool Succeeded => Error is null;
}
