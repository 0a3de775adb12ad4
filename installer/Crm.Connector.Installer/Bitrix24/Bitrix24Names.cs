using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Bitrix24;

/// <summary>How template things are named on a Bitrix24 portal (bitrix24-rest.md §6–§8).</summary>
public static class Bitrix24Names
{
    public const string LeadStatuses = "STATUS";
    public const string Sources = "SOURCE";
    public const string UserFieldPrefix = "UF_CRM_";

    /// <summary>
    /// The placement code of a template location (api-reference/widgets/crm/detail-toolbar.md): a deal card's button
    /// is an item of its top-button menu, <c>CRM_DEAL_DETAIL_TOOLBAR</c>.
    /// </summary>
    public static string PlacementCode(Templates.Model.Placements.PlacementLocation where) => where switch
    {
        Templates.Model.Placements.PlacementLocation.DealCard => "CRM_DEAL_DETAIL_TOOLBAR",
        _ => throw new ArgumentOutOfRangeException(nameof(where), where, "Unknown placement location."),
    };

    /// <summary>The flow id the snapshot uses for the lead funnel.</summary>
    public const string LeadFlowId = LeadFunnel.Key;

    /// <summary>The status directory of a flow: <c>STATUS</c>, <c>DEAL_STAGE</c> (pipeline 0) or <c>DEAL_STAGE_{id}</c>.</summary>
    public static string StageDirectory(string flowId) => flowId switch
    {
        LeadFlowId => LeadStatuses,
        "0" => "DEAL_STAGE",
        _ => $"DEAL_STAGE_{flowId}",
    };

    /// <summary>The template code of a STATUS_ID: a pipeline's <c>C{id}:</c> prefix removed.</summary>
    public static string StageCode(string statusId)
    {
        var colon = statusId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && statusId[0] == 'C' ? statusId[(colon + 1)..] : statusId;
    }

    /// <summary>The template code of a FIELD_NAME: <c>UF_CRM_</c> removed.</summary>
    public static string FieldCode(string fieldName) =>
        fieldName.StartsWith(UserFieldPrefix, StringComparison.Ordinal) ? fieldName[UserFieldPrefix.Length..] : fieldName;

    /// <summary><c>lead</c>, <c>deal</c>, <c>contact</c>, <c>company</c> as in method names.</summary>
    public static string Entity(CrmEntity entity) => Templates.Serialization.EnumNames.Of(entity);

    /// <summary>The <c>crm.item</c> entity type id.</summary>
    public static int EntityTypeId(CrmEntity entity) => entity switch
    {
        CrmEntity.Lead => 1,
        CrmEntity.Deal => 2,
        CrmEntity.Contact => 3,
        _ => 4,
    };

    public static StageSemantics Semantics(string? code) => code switch
    {
        "S" => StageSemantics.Success,
        "F" => StageSemantics.Failure,
        _ => StageSemantics.Process,
    };

    public static string Semantics(StageSemantics semantics) => semantics switch
    {
        StageSemantics.Success => "S",
        StageSemantics.Failure => "F",
        _ => string.Empty,
    };
}
