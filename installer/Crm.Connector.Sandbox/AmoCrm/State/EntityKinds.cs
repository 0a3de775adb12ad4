namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>Names of <see cref="EntityKind"/> on the wire.</summary>
internal static class EntityKinds
{
    public static readonly EntityKind[] All = [EntityKind.Lead, EntityKind.Contact, EntityKind.Company];

    /// <summary>The path segment and <c>entity_type</c>: leads, contacts, companies.</summary>
    public static string Plural(this EntityKind kind) => kind switch
    {
        EntityKind.Lead => "leads",
        EntityKind.Contact => "contacts",
        _ => "companies",
    };

    /// <summary>The events' entity name: lead, contact, company.</summary>
    public static string Singular(this EntityKind kind) => kind switch
    {
        EntityKind.Lead => "lead",
        EntityKind.Contact => "contact",
        _ => "company",
    };

    /// <summary>Old numeric element type (webhooks' <c>element_type</c>): contact 1, lead 2, company 3.</summary>
    public static int ElementType(this EntityKind kind) => kind switch
    {
        EntityKind.Contact => 1,
        EntityKind.Lead => 2,
        _ => 3,
    };

    public static EntityKind? FromPlural(string? plural) => plural switch
    {
        "leads" => EntityKind.Lead,
        "contacts" => EntityKind.Contact,
        "companies" => EntityKind.Company,
        _ => null,
    };
}
