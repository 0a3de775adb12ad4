using Crm.Connector.Functions.Pages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>The import page's answer and, when the user started an import, its message on the <c>imports</c> queue (the import is in the store already).</summary>
public sealed class ImportResponse
{
    [HttpResult]
    public required IActionResult Response { get; init; }

    [QueueOutput(ImportMessage.Queue)]
    public string[] Runs { get; init; } = [];
}
