using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>
/// An e-mail recorded on an item's timeline with <c>crm.activity.add</c> (TYPE_ID 4, bitrix24-rest.md §9), with the
/// external-source marker the caller gave it (ORIGINATOR_ID, ORIGIN_ID).
/// </summary>
internal sealed record EmailActivity(int Id, int OwnerTypeId, int OwnerId, string Subject, string Description, int Direction, int ResponsibleId, JArray Communications, string Created, bool Completed, int AuthorId, string? OriginatorId, string? OriginId);
