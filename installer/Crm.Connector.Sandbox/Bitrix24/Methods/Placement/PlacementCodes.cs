namespace Crm.Connector.Sandbox.Bitrix24.Methods.Placement;

/// <summary>
/// The placement codes the sandbox portal offers an app (<c>placement.list</c>): the CRM codes of the docs' sample
/// answer (api-reference/widgets/placement-list.md), the CRM card tabs, list menus and activity widgets, and a few
/// universal ones. <c>DEFAULT</c> (the app's own page) is not a code an app can bind. UNCONFIRMED: a real portal's
/// list depends on its modules and the app's scopes; this one assumes every module is on.
/// </summary>
internal static class PlacementCodes
{
    /// <summary>The app's own page (its handler comes from the marketplace card, not from placement.bind).</summary>
    public const string Default = "DEFAULT";

    /// <summary>The top-button menu of the deal card.</summary>
    public const string DealDetailToolbar = "CRM_DEAL_DETAIL_TOOLBAR";

    /// <summary>Every bindable code, in placement.list order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        .. Crm("LIST_TOOLBAR", "DEAL", "LEAD", "CONTACT", "COMPANY", "INVOICE", "QUOTE", "ORDER", "SMART_INVOICE"),
        .. Crm("DETAIL_TOOLBAR", "DEAL", "LEAD", "CONTACT", "COMPANY", "INVOICE", "QUOTE", "SMART_INVOICE"),
        .. Crm("ACTIVITY_TIMELINE_MENU", "DEAL", "LEAD", "QUOTE"),
        .. Crm("DETAIL_TAB", "DEAL", "LEAD", "CONTACT", "COMPANY", "QUOTE", "SMART_INVOICE"),
        .. Crm("LIST_MENU", "DEAL", "LEAD", "CONTACT", "COMPANY", "QUOTE", "SMART_INVOICE"),
        .. Crm("DETAIL_ACTIVITY", "DEAL", "LEAD", "CONTACT", "COMPANY"),
        "CRM_ANALYTICS_MENU",
        "CRM_ROBOT_DESIGNER_TOOLBAR",
        "TASK_VIEW_TAB",
        "TASK_VIEW_SIDEBAR",
        "USER_PROFILE_MENU",
        "LEFT_MENU",
        "PAGE_BACKGROUND_WORKER",
        "IM_TEXTAREA",
        "IM_SIDEBAR",
        "IM_CONTEXT_MENU",
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.Ordinal);

    /// <summary>Whether an app may bind <paramref name="code"/> (codes are upper case; DEFAULT is not bindable).</summary>
    public static bool IsBindable(string code) => Known.Contains(code);

    /// <summary>CRM codes need the crm scope besides placement (detail-toolbar.md: else ERROR_PLACEMENT_NOT_FOUND).</summary>
    public static bool NeedsCrm(string code) => code.StartsWith("CRM_", StringComparison.Ordinal);

    /// <summary>
    /// Whether the placement keeps OPTIONS (placement-bind.md: messenger widgets, PAGE_BACKGROUND_WORKER,
    /// CRM_XXX_DETAIL_ACTIVITY); the others keep none and placement.get shows <c>[]</c> (detail-toolbar.md).
    /// </summary>
    public static bool KeepsOptions(string code) =>
        code.StartsWith("IM_", StringComparison.Ordinal) ||
        code == "PAGE_BACKGROUND_WORKER" ||
        code.EndsWith("_DETAIL_ACTIVITY", StringComparison.Ordinal);

    private static IEnumerable<string> Crm(string suffix, params string[] entities) => entities.Select(e => $"CRM_{e}_{suffix}");
}
