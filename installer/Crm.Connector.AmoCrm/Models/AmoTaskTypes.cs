namespace Crm.Connector.AmoCrm.Models;

/// <summary>The standard task types; custom ones come from <c>GET /api/v4/account?with=task_types</c>.</summary>
public static class AmoTaskTypes
{
    /// <summary>Звонок / Follow-up.</summary>
    public const long Call = 1;

    /// <summary>Встреча / Meeting.</summary>
    public const long Meeting = 2;
}
