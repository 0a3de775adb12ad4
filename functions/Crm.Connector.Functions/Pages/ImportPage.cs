using System.Security.Cryptography;
using Crm.Connector.Functions.Bitrix24;
using Crm.Connector.Import;
using Crm.Connector.Import.Bitrix24;
using Crm.Connector.Storage;
using Crm.Connector.Storage.FileImports;
using Crm.Connector.Storage.Installations;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.Pages;

/// <summary>
/// «Загрузка из Excel» (seed 002): download the template file (its columns from the installed template), upload a
/// filled .xlsx or .csv, see every row with its problems by column and its duplicates, choose skip or merge for
/// duplicates, import with a progress bar, download the report of rows not imported. Portal admins only: the import
/// writes with the app's installation token and sets creation dates, which a manager could not.
/// </summary>
public sealed class ImportPage(IStore store, TemplateProvider templates, PortalClients clients, FrameVerifier verifier, PageHost host, TimeProvider time)
{
    /// <summary>Rows the preview table shows (problems first); the rest are counted.</summary>
    public const int PreviewRows = 300;

    /// <summary>The answer, and the <c>imports</c> queue message when an import was started.</summary>
    public async Task<(PageResult Page, string? Run)> HandleAsync(PageRequest request, string nonce, string? frameAncestor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = request.Session!;
        var token = verifier.Token(session);
        var installation = await store.Installations.GetAsync(session.MemberId, cancellationToken);
        if (installation?.TemplateKey is not { } templateKey)
        {
            return (Refuse(404, "Шаблон ещё не установлен: загрузка клиентов появится после установки.", nonce, frameAncestor), null);
        }

        var step = request["step"];
        if (!session.Admin && step.Length > 0)
        {
            return (Refuse(403, "Загружать клиентов из файла может только администратор портала. Ничего не загружено.", nonce, frameAncestor), null);
        }

        if (step is "preview" or "run" && !request.IsSameOrigin())
        {
            return (Refuse(403, "Запрос пришёл не со страницы приложения. Ничего не загружено.", nonce, frameAncestor), null);
        }

        var layout = ImportLayout.For(await templates.GetAsync(templateKey));
        switch (step)
        {
            case "template":
                using (var file = new MemoryStream())
                {
                    ImportTemplateFile.Write(layout, file);
                    return (PageResult.File("clients-template.xlsx", Xlsx, file.ToArray()), null);
                }

            case "preview":
                return (await PreviewAsync(request, installation, layout, token, nonce, frameAncestor, cancellationToken), null);
            case "run":
                return await RunAsync(request, token, nonce, frameAncestor, cancellationToken);
            case "status":
                return (PageResult.Json(200, await StatusAsync(session, request["id"], cancellationToken)), null);
            case "report":
                var run = await store.FileImports.GetAsync(session.MemberId, request["id"], withContent: true, cancellationToken);
                return run is { Status: ImportStatus.Done, Report.Length: > 0 }
                    ? (PageResult.File("import-report.xlsx", Xlsx, run.Report), null)
                    : (Refuse(404, "Отчёта нет: загрузка не найдена или ещё не закончена.", nonce, frameAncestor), null);
            default:
                return (PageResult.Page(200, PageLayout.Render("Загрузка из Excel", session, token, nonce, PagePaths.Import, await StartBodyAsync(session, token, layout, installation, null, cancellationToken), ImportTables.UploadScript), nonce, frameAncestor), null);
        }
    }

    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static PageResult Refuse(int status, string message, string nonce, string? frameAncestor) =>
        PageResult.Page(status, PageLayout.Refusal(message, nonce), nonce, frameAncestor);

    private async Task<PageResult> PreviewAsync(PageRequest request, Installation installation, ImportLayout layout, string token, string nonce, string? frameAncestor, CancellationToken cancellationToken)
    {
        var session = request.Session!;
        var upload = request.Form.Files.GetFile("file");
        if (upload is null || upload.Length == 0)
        {
            return Page(400, Html.Notice("error", "Выберите файл .xlsx или .csv, заполненный по шаблону."));
        }

        var content = new byte[upload.Length];
        await using (var stream = upload.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, cancellationToken);
        }

        ImportFile file;
        try
        {
            file = ImportFileReader.Read(new MemoryStream(content), upload.FileName, layout, new ImportLimits { MaxBytes = host.Options.MaxUploadBytes });
        }
        catch (ImportFileException e)
        {
            return Page(400, Html.Notice("error", e.Message));
        }

        var engine = new ImportEngine(new Bitrix24ImportTarget(clients.For(installation.MemberId, installation.Plan)), MainPage.Zone(installation), time);
        var preview = await engine.PreviewAsync(layout, file, cancellationToken);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var name = Path.GetFileName(upload.FileName);
        await store.FileImports.AddAsync(
            new ImportRun { Id = id, MemberId = session.MemberId, UserId = session.UserId, UserName = session.UserName, FileName = name.Length == 0 ? "file" : name, Content = content, Total = file.Rows.Count, CreatedAt = time.GetUtcNow(), UpdatedAt = time.GetUtcNow() },
            cancellationToken);
        return Page(200, ImportTables.Preview(layout, preview, id, token));

        PageResult Page(int status, string body) =>
            PageResult.Page(status, PageLayout.Render("Загрузка из Excel", session, token, nonce, PagePaths.Import, body), nonce, frameAncestor);
    }

    private async Task<(PageResult Page, string? Run)> RunAsync(PageRequest request, string token, string nonce, string? frameAncestor, CancellationToken cancellationToken)
    {
        var session = request.Session!;
        var id = request["id"];
        var duplicates = request["duplicates"] == "merge" ? "merge" : "skip";
        var queued = await store.FileImports.QueueAsync(session.MemberId, id, duplicates, cancellationToken);
        var run = await store.FileImports.GetAsync(session.MemberId, id, cancellationToken: cancellationToken);
        if (run is null)
        {
            return (Refuse(404, "Загрузка не найдена: загрузите файл ещё раз.", nonce, frameAncestor), null);
        }

        var body = ImportTables.Progress(run, token, queued ? null : "Эта загрузка уже запущена — показываем её ход.");
        var page = PageResult.Page(202, PageLayout.Render("Загрузка из Excel", session, token, nonce, PagePaths.Import, body, ImportTables.ProgressScript), nonce, frameAncestor);
        return (page, queued ? ImportMessage.Run(session.MemberId, id) : null);
    }

    private async Task<JObject> StatusAsync(PageSession session, string id, CancellationToken cancellationToken)
    {
        var run = await store.FileImports.GetAsync(session.MemberId, id, cancellationToken: cancellationToken);
        return run is null
            ? new JObject { ["status"] = "unknown" }
            : new JObject
            {
                ["status"] = run.Status.ToString().ToLowerInvariant(),
                ["done"] = run.Done,
                ["total"] = run.Total,
                ["phase"] = run.Phase,
                ["created"] = run.Created,
                ["merged"] = run.Merged,
                ["skipped"] = run.Skipped,
                ["invalid"] = run.Invalid,
                ["failed"] = run.Failed,
                ["requests"] = run.Requests,
                ["error"] = run.Error,
            };
    }

    private async Task<string> StartBodyAsync(PageSession session, string token, ImportLayout layout, Installation installation, string? notice, CancellationToken cancellationToken)
    {
        var recent = await store.FileImports.ListAsync(installation.MemberId, 10, cancellationToken);
        return (notice ?? string.Empty) + ImportTables.Start(session, token, layout, recent, MainPage.Zone(installation), host.Options.MaxUploadBytes);
    }
}
