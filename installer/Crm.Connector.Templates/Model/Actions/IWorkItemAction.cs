namespace Crm.Connector.Templates.Model.Actions;

/// <summary>An action that puts a piece of work with a deadline on a user: a task or a call-back to-do.</summary>
public interface IWorkItemAction
{
    LocalizedText Title { get; }

    LocalizedText? Description { get; }

    /// <summary>Who the work is for (the action's <c>to</c>).</summary>
    Recipient Assignee { get; }

    Delay Deadline { get; }
}
