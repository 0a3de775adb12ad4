namespace Crm.Connector.Sandbox.AmoCrm.State;

/// <summary>Custom field types (amocrm-api.md §4.3) and where each may be created.</summary>
internal static class FieldTypes
{
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "text", "numeric", "checkbox", "select", "multiselect", "date", "url", "textarea", "radiobutton",
        "streetaddress", "smart_address", "birthday", "legal_entity", "date_time", "org_legal_name", "monetary",
        "chained_list", "file",
    };

    /// <summary>Whether <paramref name="type"/> exists in v4 at all (catalog-only types included).</summary>
    public static bool IsKnown(string type) =>
        Common.Contains(type) || type is "multitext" or "tracking_data" or "items" or "category" or "price" or "linked_entity" or "payer" or "supplier";

    /// <summary>§4.3: catalog-only types are refused; tracking_data is for leads; multitext for contacts and companies.</summary>
    public static bool AllowedOn(string type, EntityKind entity) =>
        Common.Contains(type)
        || (type == "tracking_data" && entity == EntityKind.Lead)
        || (type == "multitext" && entity != EntityKind.Lead);

    public static bool HasEnums(string type) => type is "select" or "multiselect" or "radiobutton" or "multitext";

    public static bool NeedsEnums(string type) => type is "select" or "multiselect" or "radiobutton";

    public static bool IsChoice(string type) => type is "select" or "multiselect" or "radiobutton";

    public static bool IsDate(string type) => type is "date" or "date_time" or "birthday";
}
