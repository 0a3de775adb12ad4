namespace Crm.Connector.Sandbox.Bitrix24.State;

/// <summary>A notification (im.notify.system.add / im.notify.personal.add, §9). Kind is "system" or "personal".</summary>
internal sealed record Notification(int Id, string Kind, int UserId, string Message, string? Tag, int FromUserId, string Created);
