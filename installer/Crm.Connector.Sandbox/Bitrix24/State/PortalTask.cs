namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A task (tasks.task.add, §9).</summary>
internal sealed record PortalTask(int Id, string Title, string Description, int ResponsibleId, int CreatedBy, string? Deadline, IReadOnlyList<string> UfCrmTask, string Created);
