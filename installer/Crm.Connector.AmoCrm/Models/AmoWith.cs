namespace Crm.Connector.AmoCrm.Models;

/// <summary>Values of the <c>with</c> parameter: what an answer embeds besides the entity itself.</summary>
public static class AmoWith
{
    public const string Contacts = "contacts";
    public const string Companies = "companies";
    public const string Leads = "leads";
    public const string LossReason = "loss_reason";
    public const string CatalogElements = "catalog_elements";
    public const string Source = "source";
    public const string Role = "role";
    public const string Group = "group";
    public const string TaskTypes = "task_types";
    public const string UsersGroups = "users_groups";
}
