namespace Crm.Connector.Sandbox.Bitrix24.Events;

/// <summary>The events an application can bind (a subset of <c>events</c>; others answer ERROR_EVENT_NOT_FOUND, §4.1).</summary>
internal static class EventNames
{
    public const string DealMoveToCategory = "ONCRMDEALMOVETOCATEGORY";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        "ONCRMLEADADD", "ONCRMLEADUPDATE", "ONCRMLEADDELETE",
        "ONCRMDEALADD", "ONCRMDEALUPDATE", "ONCRMDEALDELETE", DealMoveToCategory,
        "ONCRMCONTACTADD", "ONCRMCONTACTUPDATE", "ONCRMCONTACTDELETE",
        "ONCRMCOMPANYADD", "ONCRMCOMPANYUPDATE", "ONCRMCOMPANYDELETE",
        "ONAPPINSTALL", "ONAPPUPDATE", "ONAPPUNINSTALL", "ONAPPTEST", "ONOFFLINEEVENT",
        "ONTASKADD", "ONTASKUPDATE", "ONTASKDELETE",
    };
}
