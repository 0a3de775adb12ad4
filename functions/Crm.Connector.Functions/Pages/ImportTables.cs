using Crm.Connector.Import;
using Crm.Connector.Storage.FileImports;

namespace Crm.Connector.Functions.Pages;

/// <summary>The import page's parts: the start (template file, upload, recent imports), the preview table, the progress.</summary>
public static class ImportTables
{
    /// <summary>Polls the status every second, moves the bar, and shows the outcome with the report's button.</summary>
    public const string ProgressScript = """
        (function(){const f=document.getElementById('status-form');const bar=document.getElementById('import-bar');const text=document.getElementById('import-text');
        const phases={checking:'проверяем строки',writing:'создаём клиентов',merging:'дополняем найденных клиентов',comments:'добавляем примечания'};
        async function poll(){const r=await fetch(f.action,{method:'POST',body:new FormData(f)});const s=await r.json();
        if(s.total>0){bar.max=s.total;bar.value=s.done;}
        if(s.status==='done'){bar.value=bar.max;text.textContent='Готово: создано '+s.created+', дополнено '+s.merged+', пропущено '+s.skipped+', с ошибками '+s.invalid+', отклонено CRM '+s.failed+'. Запросов к порталу: '+s.requests+'.';
        document.getElementById('report-form').hidden=false;return;}
        if(s.status==='failed'){text.textContent=s.error+' Нажмите «Загрузить данные» ещё раз — уже загруженные строки не повторятся.';document.getElementById('retry-form').hidden=false;return;}
        text.textContent=(s.status==='queued'?'В очереди…':'Загружаем: '+(phases[s.phase]||'')+' — '+s.done+' из '+s.total);setTimeout(poll,1000);}
        poll();})();
        """;

    /// <summary>Stops a file over the limit before it is sent (the server refuses it too, but a browser then shows a broken connection).</summary>
    public const string UploadScript = """
        (function(){const f=document.getElementById('upload-form');if(!f)return;const input=document.getElementById('file');
        f.addEventListener('submit',function(e){const file=input.files[0];const max=+input.dataset.maxBytes;
        if(file&&file.size>max){e.preventDefault();document.getElementById('upload-error').textContent='Файл слишком большой: '+(file.size/1048576).toFixed(1)+' МБ, а можно не больше '+(max/1048576)+' МБ. Разделите файл на несколько и загрузите их по очереди.';}});})();
        """;

    public static string Start(PageSession session, string token, ImportLayout layout, IReadOnlyList<ImportRun> recent, TimeZoneInfo zone, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(layout);
        var rules = "<ul>" + string.Concat(ImportTemplateFile.Rules.Select(r => $"<li>{Html.E(r)}</li>")) + "</ul>";
        var columns = string.Join(", ", layout.Columns.Select(c => "«" + c.Header + "»"));
        var template = Html.Form(PagePaths.Import, token, Html.Hidden("step", "template"), "Скачать шаблон файла (.xlsx)", "template-form", "button secondary");
        var upload = session.Admin
            ? Html.Form(PagePaths.Import, token, Html.Hidden("step", "preview") + "<label for=\"file\">Файл .xlsx или .csv</label><input type=\"file\" name=\"file\" id=\"file\" accept=\".xlsx,.csv\" required data-max-bytes=\"" + maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"><p class=\"problem\" id=\"upload-error\" role=\"alert\"></p>", "Разобрать файл", "upload-form", multipart: true)
            : Html.Notice("warn", "Загружать клиентов из файла может только администратор портала.");
        var history = recent.Count == 0
            ? string.Empty
            : "<h3>Последние загрузки</h3>" + Html.Table(
                ["Когда", "Файл", "Кто", "Состояние", "Создано", "Дополнено", "Пропущено", "С ошибками", "Отклонено"],
                recent.Select(r => new[] { Html.When(r.CreatedAt, zone), Html.E(r.FileName), Html.E(r.UserName), Html.E(Status(r.Status)), Html.E(r.Created), Html.E(r.Merged), Html.E(r.Skipped), Html.E(r.Invalid), Html.E(r.Failed) }),
                "imports-table");
        return $"<section id=\"import-start\"><p>Клиенты загружаются как лиды. Столбцы файла: {Html.E(columns)}.</p>{rules}{template}</section><section>{upload}</section><section>{history}</section>";
    }

    public static string Preview(ImportLayout layout, ImportPreview preview, string id, string token)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(preview);
        var counts = preview.Counts;
        var summary = $"<p id=\"preview-counts\">Строк в файле: {Html.E(counts.Total)}; будут созданы: {Html.E(counts.Ready)}; дубли в файле: {Html.E(counts.DuplicatesInFile)}; уже есть в CRM: {Html.E(counts.DuplicatesInCrm)}; уже загружены раньше: {Html.E(counts.AlreadyImported)}; с ошибками (не загрузятся): {Html.E(counts.Invalid)}; с предупреждениями: {Html.E(counts.WithWarnings)}.</p>";
        var notices = string.Concat(preview.Notices.Select(n => Html.Notice("warn", n)));
        var rows = preview.Rows
            .OrderBy(r => r.Status switch { ImportRowStatus.Invalid => 0, ImportRowStatus.Duplicate => 1, _ => r.Problems.Count > 0 ? 2 : 3 })
            .ThenBy(r => r.Line)
            .Take(ImportPage.PreviewRows)
            .Select(r => new[] { Html.E(r.Line), $"<span data-status=\"{Html.E(r.Status.ToString())}\">{Html.E(RowStatus(r))}</span>", Problems(r) }
                .Concat(layout.Columns.Select(c => Cell(r, c.Header))));
        var table = "<div class=\"wide\">" + Html.Table(["Строка", "Что будет", "Замечания", .. layout.Columns.Select(c => c.Header)], rows, "preview-table") + "</div>";
        var more = preview.Rows.Count > ImportPage.PreviewRows ? $"<p class=\"muted\">Показаны {ImportPage.PreviewRows} строк из {Html.E(preview.Rows.Count)}: сначала строки с ошибками и дубли.</p>" : string.Empty;
        var choice = counts.DuplicatesInCrm > 0
            ? "<fieldset id=\"duplicates\"><legend>Клиенты, которые уже есть в CRM (тот же телефон)</legend>"
              + "<label><input type=\"radio\" name=\"duplicates\" value=\"skip\" checked> пропустить</label>"
              + "<label><input type=\"radio\" name=\"duplicates\" value=\"merge\"> дополнить: заполнить пустые поля и добавить примечания</label></fieldset>"
            : Html.Hidden("duplicates", "skip");
        var run = counts.Ready + counts.DuplicatesInCrm > 0
            ? Html.Form(PagePaths.Import, token, Html.Hidden("step", "run") + Html.Hidden("id", id) + choice, "Загрузить данные", "run-form")
            : Html.Notice("warn", "Загружать нечего: исправьте файл и загрузите его снова.");
        return $"<section id=\"preview\">{summary}{notices}{run}{table}{more}</section>";
    }

    public static string Progress(ImportRun run, string token, string? notice)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = $"<form id=\"status-form\" method=\"post\" action=\"{PagePaths.Import}\">{Html.Hidden("session", token)}{Html.Hidden("step", "status")}{Html.Hidden("id", run.Id)}</form>";
        var report = Html.Form(PagePaths.Import, token, Html.Hidden("step", "report") + Html.Hidden("id", run.Id), "Скачать отчёт о пропущенных строках (.xlsx)", "report-form", "button secondary", hidden: true);
        var retry = Html.Form(PagePaths.Import, token, Html.Hidden("step", "run") + Html.Hidden("id", run.Id) + Html.Hidden("duplicates", run.Duplicates), "Загрузить данные", "retry-form", hidden: true);
        return $"<section id=\"progress\">{(notice is null ? string.Empty : Html.Notice("warn", notice))}<p>Файл «{Html.E(run.FileName)}», строк: {Html.E(run.Total)}.</p>"
            + $"<progress id=\"import-bar\" max=\"{Math.Max(1, run.Total)}\" value=\"{run.Done}\"></progress><p id=\"import-text\" role=\"status\">В очереди…</p>{status}{report}{retry}</section>";
    }

    private static string Cell(ImportRow row, string header)
    {
        var value = row.Cells.GetValueOrDefault(header) ?? string.Empty;
        var problem = row.Problems.FirstOrDefault(p => p.Column == header);
        return problem is null ? Html.E(value) : $"<span class=\"{(problem.Severity == ImportSeverity.Error ? "problem" : "warning")}\">{Html.E(value)}</span>";
    }

    private static string Problems(ImportRow row) =>
        string.Join("<br>", row.Problems.Select(p => $"<span class=\"{(p.Severity == ImportSeverity.Error ? "problem" : "warning")}\">{Html.E(p.Column.Length == 0 ? p.Message : $"{p.Column}: {p.Message}")}</span>")
            .Concat(row.DuplicateOf is { } duplicate ? [Html.E(duplicate.ToString())] : []));

    private static string RowStatus(ImportRow row) => row.Status switch
    {
        ImportRowStatus.Ready => "будет создан",
        ImportRowStatus.Duplicate => row.DuplicateOf?.InFile == true ? "дубль в файле — пропуск" : "уже есть в CRM",
        ImportRowStatus.AlreadyImported => "уже загружен",
        _ => "ошибка — не загрузится",
    };

    private static string Status(ImportStatus status) => status switch
    {
        ImportStatus.Previewed => "разобран, не загружен",
        ImportStatus.Queued => "в очереди",
        ImportStatus.Running => "загружается",
        ImportStatus.Done => "загружен",
        _ => "прерван",
    };
}
