using Newtonsoft.Json.Linq;

namespace Crm.Connector.Storage.Snapshots;

/// <summary>
/// What the app last saw of a CRM item: its stage, pipeline and the field values automations watch. Bitrix24 events carry
/// only an id, so "entered a stage" and "field changed" are found by comparing the item now with this.
/// </summary>
/// <param name="MemberId">The portal.</param>
/// <param name="Entity"><c>deal</c>, <c>lead</c>, <c>contact</c>, <c>company</c>.</param>
/// <param name="ItemId">The item's id in the CRM.</param>
/// <param name="Fields">Field name → value as the CRM returned it.</param>
/// <param name="SeenAt">When the app read it.</param>
public sealed record EntitySnapshot(string MemberId, string Entity, long ItemId, JObject Fields, DateTimeOffset SeenAt);
