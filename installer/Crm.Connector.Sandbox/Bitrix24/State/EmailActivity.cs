using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>An e-mail recorded on an item's timeline with <c>crm.activity.add</c> (TYPE_ID 4, bitrix24-rest.md §9).</summary>
internal sealed record EmailActivity(int Id, int OwnerTypeId, int OwnerId, string Subject, string Description, int Direction, int ResponsibleId, JArray Communications, string Created);
