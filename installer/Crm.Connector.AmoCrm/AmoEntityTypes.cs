namespace Crm.Connector.AmoCrm;

/// <summary>Path segments and nouns of <see cref="AmoEntityType"/>.</summary>
public static class AmoEntityTypes
{
    /// <summary><c>leads</c> / <c>contacts</c> / <c>companies</c>.</summary>
    public static string Path(this AmoEntityType entity) => entity switch
    {
        AmoEntityType.Leads => "leads",
        AmoEntityType.Contacts => "contacts",
        AmoEntityType.Companies => "companies",
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Not an amoCRM entity type."),
    };

    /// <summary>One of them, in words: <c>lead</c>, <c>contact</c>, <c>company</c>.</summary>
    public static string Noun(this AmoEntityType entity) => entity switch
    {
        AmoEntityType.Leads => "lead",
        AmoEntityType.Contacts => "contact",
        AmoEntityType.Companies => "company",
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Not an amoCRM entity type."),
    };
}
