using Crm.Connector.Bitrix24.Errors;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Import;
using Crm.Connector.Import.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.FileImports;
using Crm.Connector.Storage.Installations;
using Microsoft.Extensions.Options;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// Runs a queued import: the file the user previewed, read again and written with the import engine on the
/// installation's own client (its request budget shared with everything else the app does on that portal), progress
/// saved after every request for the page's bar, the outcome and the report of rows not imported saved at the end. A
/// run stopped by the CRM (unreachable, refusing) is marked failed with the reason; run again, it writes only what is
/// missing (the rows' import keys).
/// </summary>
public sealed class ImportRunner(IStore store, TemplateProvider templates, PortalClients clients, IOptions<PageOptions> options, TimeProvider time, ILogger<ImportRunner> log)
{
    public async Task RunAsync(string memberId, string id, CancellationToken cancellationToken)
    {
        if (!await store.FileImports.StartAsync(memberId, id, time.GetUtcNow() - options.Value.ImportStaleAfter, cancellationToken))
        {
            PageLog.ImportNotStarted(log, memberId, id);
            return;
        }

        var run = await store.FileImports.GetAsync(memberId, id, withContent: true, cancellationToken);
        var installation = await store.Installations.GetAsync(memberId, cancellationToken);
        if (run is null || installation is not { Status: InstallationStatus.Active, TemplateKey: { } templateKey })
        {
            await store.FileImports.FinishAsync(memberId, id, null, "Приложение удалено с портала или шаблон не выбран.", cancellationToken);
            return;
        }

        try
        {
            var layout = ImportLayout.For(await templates.GetAsync(templateKey));
            var file = ImportFileReader.Read(new MemoryStream(run.Content), run.FileName, layout, new ImportLimits { MaxBytes = options.Value.MaxUploadBytes });
            var engine = new ImportEngine(new Bitrix24ImportTarget(clients.For(memberId, installation.Plan)), MainPage.Zone(installation), time);
            var progress = new StoreProgress(store.FileImports, memberId, id);
            var result = await engine.RunAsync(layout, file, run.Duplicates == "merge" ? DuplicateChoice.Merge : DuplicateChoice.Skip, progress, cancellationToken);
            await progress.FlushAsync(cancellationToken);
            using var report = new MemoryStream();
            ImportReport.Write(result, report);
            await store.FileImports.FinishAsync(memberId, id, new ImportTotals(file.Rows.Count, result.Created, result.Merged, result.Skipped, result.Invalid, result.Failed, result.Requests, report.ToArray()), null, cancellationToken);
            PageLog.ImportDone(log, memberId, id, file.Rows.Count, result.Created, result.Merged, result.Skipped, result.Invalid, result.Failed, result.Requests);
        }
        catch (Exception e) when (e is Bitrix24Exception or HttpRequestException or ImportFileException or TimeoutException)
        {
            PageLog.ImportFailed(log, memberId, id, e.Message);
            await store.FileImports.FinishAsync(memberId, id, null, "Загрузка прервана: " + e.Message, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else is a fault of ours: the page says the import stopped (instead of showing it running for ever)
            // and the exception goes on to the queue's retries and the log.
            await store.FileImports.FinishAsync(memberId, id, null, "Загрузка прервана ошибкой приложения; запустите её снова — уже загруженные строки не повторятся.", CancellationToken.None);
            throw;
        }
    }

    /// <summary>Progress to the store, at most a few times a second (the engine reports after every request).</summary>
    private sealed class StoreProgress(IImportStore imports, string memberId, string id) : IProgress<ImportProgress>
    {
        private ImportProgress? _last;
        private Task _pending = Task.CompletedTask;

        public void Report(ImportProgress value)
        {
            _last = value;
            if (_pending.IsCompleted)
            {
                _pending = imports.ProgressAsync(memberId, id, value.Done, value.Total, value.Phase);
            }
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            await _pending;
            if (_last is { } last)
            {
                await imports.ProgressAsync(memberId, id, last.Done, last.Total, last.Phase, cancellationToken);
            }
        }
    }
}
