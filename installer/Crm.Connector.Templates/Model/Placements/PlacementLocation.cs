using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model.Placements;

/// <summary>Where in the CRM's interface a placement shows. Bitrix24: <see cref="DealCard"/> is CRM_DEAL_DETAIL_TOOLBAR.</summary>
public enum PlacementLocation
{
    /// <summary>An item of the deal card's top-button menu.</summary>
    [EnumMember(Value = "dealCard")]
    DealCard,
}
