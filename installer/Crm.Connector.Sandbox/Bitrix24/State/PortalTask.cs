namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A task (tasks.task.add, §9) with its CRM bindings (<c>D_12</c>…) and tags.</summary>
internal sealed record PortalTask(int Id, string Title, string Description, int ResponsibleId, int CreatedBy, string? Deadline, IReadOnlyList<string> UfCrmTask, string Created, IReadOnlyList<TaskTag> Tags);
