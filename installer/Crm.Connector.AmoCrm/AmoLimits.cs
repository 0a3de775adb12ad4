namespace Crm.Connector.AmoCrm;

/// <summary>amoCRM's documented limits (amocrm-api.md §4, §6, §7, §9).</summary>
public static class AmoLimits
{
    /// <summary>Rows per page of a list (and the most a write may carry).</summary>
    public const int PageSize = 250;

    /// <summary>Custom fields come 50 to a page.</summary>
    public const int CustomFieldPageSize = 50;

    /// <summary>Events come at most 100 to a page.</summary>
    public const int EventPageSize = 100;

    /// <summary>Entities per write request amoCRM recommends.</summary>
    public const int WriteChunk = 50;

    /// <summary>Custom field values one entity may carry in one write.</summary>
    public const int ValuesPerEntity = 40;
}
