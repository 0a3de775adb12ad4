using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Services;

/// <summary><c>tasks.task.*</c> (scope <c>task</c>).</summary>
public sealed class TaskService(Bitrix24Requestor requestor)
{
    /// <summary><c>tasks.task.add</c>; returns the task's id.</summary>
    public async Task<int> AddAsync(TaskAddRequest request, CancellationToken cancellationToken = default) =>
        (await requestor.CallAsync("tasks.task.add", new JObject { ["fields"] = Bitrix24Json.From(request) }, cancellationToken)).Result["task"]!.Value<int>("id");
}
