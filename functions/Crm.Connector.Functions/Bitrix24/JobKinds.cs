namespace Crm.Connector.Functions.Bitrix24;

/// <summary>The kinds of scheduled job the app runs.</summary>
public static class JobKinds
{
    /// <summary>Provision an installation again after a failure at install time.</summary>
    public const string Provision = "bitrix24.provision";

    /// <summary>A delayed automation trigger came due: the item is read again and the automation runs if it still applies.</summary>
    public const string AutomationCheck = "bitrix24.automation-check";
}
