using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A to-do activity (crm.activity.todo.add, §9); <see cref="AuthorId"/> is the user who made it.</summary>
internal sealed record TodoActivity(int Id, int OwnerTypeId, int OwnerId, string Deadline, string Title, string Description, int ResponsibleId, JToken? PingOffsets, string? ColorId, string Created, int AuthorId);
