using Crm.Connector.Functions.Pages;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.Handlers;

/// <summary>
/// <c>import-run</c>: writes a file import the user started. A message for an import already running, done or
/// unknown does nothing (the store's compare-and-set), so a redelivered message never imports twice.
/// </summary>
public sealed class ImportRunFunction(ImportRunner runner, ILogger<ImportRunFunction> log)
{
    public const string Name = "import-run";

    [Function(Name)]
    public async Task RunAsync([QueueTrigger(ImportMessage.Queue)] string message, CancellationToken cancellationToken)
    {
        if (ImportMessage.Parse(message) is not { } run)
        {
            PageLog.NotAnImportMessage(log);
            return;
        }

        await runner.RunAsync(run.MemberId, run.Id, cancellationToken);
    }
}
