using Crm.Connector.Sandbox.AmoCrm.Http;
using Crm.Connector.Sandbox.AmoCrm.State;

namespace Crm.Connector.Sandbox.AmoCrm.Routes.Tasks;

/// <summary>A task as sent in POST or PATCH (§7.1), checked against the account.</summary>
internal sealed record TaskInput(
    string? Text,
    long? CompleteTill,
    long? TaskTypeId,
    long? ResponsibleUserId,
    long? EntityId,
    EntityKind? EntityType,
    long? Duration,
    bool? IsCompleted,
    string? ResultText)
{
    public static TaskInput Read(ApiCall call, FieldReader reader, bool creating)
    {
        var text = reader.String("text", required: creating);
        var completeTill = reader.Long("complete_till", required: creating);
        var taskType = reader.Long("task_type_id");
        if (taskType is not null and not (1 or 2))
        {
            reader.Error("NotSupportedChoice", "task_type_id", "Task types are 1 (call) and 2 (meeting).");
        }

        var responsible = reader.Long("responsible_user_id", required: creating);
        if (responsible is not null && !Guard.UserExists(call, responsible.Value))
        {
            reader.Error("NotSupportedChoice", "responsible_user_id", "No such user.");
        }

        var entityTypeText = reader.String("entity_type");
        var entityType = EntityKinds.FromPlural(entityTypeText);
        var entityId = reader.Long("entity_id");
        if (entityTypeText is not null && entityType is null)
        {
            reader.Error("NotSupportedChoice", "entity_type", "Tasks attach to leads, contacts or companies.");
        }
        else if ((entityType is null) != (entityId is null))
        {
            reader.Error("FieldMissing", entityType is null ? "entity_type" : "entity_id", "entity_id and entity_type go together.");
        }
        else if (entityType is { } kind && !call.State.Records(kind).ContainsKey(entityId!.Value))
        {
            reader.Error("NotSupportedChoice", "entity_id", $"No such {kind.Singular()}.");
        }

        var result = reader.Object("result");
        return new TaskInput(text, completeTill, taskType, responsible, entityId, entityType, reader.Long("duration"), reader.Bool("is_completed"), (string?)result?["text"]);
    }

    public void ApplyTo(ApiCall call, CrmTask task)
    {
        task.Text = Text ?? task.Text;
        task.CompleteTill = CompleteTill ?? task.CompleteTill;
        task.TaskTypeId = TaskTypeId ?? task.TaskTypeId;
        if (ResponsibleUserId is { } responsible)
        {
            task.ResponsibleUserId = responsible;
            task.GroupId = call.State.Users.GetValueOrDefault(responsible)?.GroupId ?? task.GroupId;
        }

        if (EntityType is not null)
        {
            task.EntityType = EntityType;
            task.EntityId = EntityId;
        }

        task.Duration = Duration ?? task.Duration;
        task.IsCompleted = IsCompleted ?? task.IsCompleted;
        task.ResultText = ResultText ?? task.ResultText;
        task.UpdatedAt = call.Now;
        task.UpdatedBy = call.UserId;
    }
}
