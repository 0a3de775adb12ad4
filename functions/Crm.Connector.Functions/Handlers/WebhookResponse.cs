using Crm.Connector.Functions.Bitrix24;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// What a webhook function returns: the answer to the caller and, when the call was accepted, a drain request for the
/// portal's worker. The inbox row is committed before this is returned, so a queue message lost on the way (the worker
/// hands outputs back to the host separately from the HTTP answer) only delays the work: <c>due-jobs</c> re-queues a
/// portal whose accepted work waits too long.
/// </summary>
public sealed class WebhookResponse
{
    [HttpResult]
    public required IActionResult Response { get; init; }

    [QueueOutput(WorkMessage.Queue)]
    public string[] Work { get; init; } = [];
}
