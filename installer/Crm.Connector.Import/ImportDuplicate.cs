namespace Crm.Connector.Import;

/// <summary>Whose duplicate a row is: an earlier line of the file, or an item in the CRM.</summary>
public sealed record ImportDuplicate
{
    public bool InFile => Line is not null;

    /// <summary>The earlier line of the file with the same phone.</summary>
    public int? Line { get; init; }

    /// <summary>The CRM item with the same phone.</summary>
    public long? ItemId { get; init; }

    public override string ToString() => Line is { } line ? $"дубль строки {line} файла" : $"дубль клиента {ItemId} в CRM";
}
