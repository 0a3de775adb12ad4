using Crm.Connector.Bitrix24.Requests;
using Crm.Connector.Bitrix24.Transport;

namespace Crm.Connector.Bitrix24.Services.Crm;

/// <summary><c>crm.activity.todo.*</c>: to-dos in an item's timeline — the call-back primitive (bitrix24-rest.md §9).</summary>
public sealed class ActivityTodoService(Bitrix24Requestor requestor)
{
    /// <summary><c>crm.activity.todo.add</c>; returns the to-do's id.</summary>
    public async Task<int> AddAsync(TodoAddRequest request, CancellationToken cancellationToken = default) =>
        (await requestor.CallAsync("crm.activity.todo.add", Bitrix24Json.From(request), cancellationToken)).Result.Value<int>("id");
}
