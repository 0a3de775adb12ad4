using Crm.Connector.Import.Rules;

namespace Crm.Connector.Import;

/// <summary>
/// The client import (seed 002): checks every row, finds duplicates by phone (in the file and in the CRM) and rows an
/// earlier run already imported (by key), then writes in bulk — items, merges, comments — reporting progress after
/// every request. <see cref="RunAsync"/> previews again first, so a stale preview never writes.
/// </summary>
/// <remarks>
/// Creation dates: Bitrix24 lets an administrator's import set createdTime only if it is not earlier than any existing
/// item's and not in the future. Rows are written oldest first: those at or after the newest existing item carry their
/// date; the others (and all rows when the caller may not set it) are created "now", their date in the first comment,
/// and the preview says why on the row. Those "now" rows are written last, so the dated ones stay monotonic.
/// Nothing is half-written silently: a row the CRM refused is <see cref="ImportOutcome.Failed"/> with the CRM's words;
/// a transport failure throws, and a re-run (keys) creates only what is missing.
/// </remarks>
public sealed class ImportEngine(IImportTarget target, TimeZoneInfo zone, TimeProvider time)
{
    private readonly IImportTarget _target = target ?? throw new ArgumentNullException(nameof(target));
    private readonly TimeZoneInfo _zone = zone ?? throw new ArgumentNullException(nameof(zone));
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    /// <summary>What an import of <paramref name="file"/> would do; reads the CRM, writes nothing.</summary>
    public async Task<ImportPreview> PreviewAsync(ImportLayout layout, ImportFile file, CancellationToken cancellationToken = default) =>
        (await CheckAsync(layout, file, null, cancellationToken)).Preview;

    /// <summary>Previews again, then creates the ready rows, merges or skips duplicates, and adds the comments.</summary>
    public async Task<ImportResult> RunAsync(ImportLayout layout, ImportFile file, DuplicateChoice choice, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var start = _target.Requests;
        var (preview, existing) = await CheckAsync(layout, file, progress, cancellationToken);
        var run = new RunState(start, progress);
        await CreateReadyAsync(preview, run, cancellationToken);
        if (choice == DuplicateChoice.Merge)
        {
            await MergeDuplicatesAsync(preview, existing, run, cancellationToken);
        }

        var commentsFailed = await WriteCommentsAsync(run, cancellationToken);
        SettleTheRest(preview, run.Outcomes);
        var rows = preview.Rows.Select(r => run.Outcomes[r.Line]).ToList();
        return new ImportResult
        {
            Created = rows.Count(r => r.Outcome == ImportOutcome.Created),
            Merged = rows.Count(r => r.Outcome == ImportOutcome.Merged),
            Skipped = rows.Count(r => r.Outcome == ImportOutcome.Skipped),
            Invalid = rows.Count(r => r.Outcome == ImportOutcome.Invalid),
            Failed = rows.Count(r => r.Outcome == ImportOutcome.Failed),
            CommentsFailed = commentsFailed,
            Requests = _target.Requests - start,
            Rows = rows,
            CreatedIds = run.CreatedIds,
            Notices = preview.Notices,
        };
    }

    /// <summary>Creates the ready rows in bulk: dated rows oldest first, then the rows created "now".</summary>
    private async Task CreateReadyAsync(ImportPreview preview, RunState run, CancellationToken cancellationToken)
    {
        // Dated rows oldest first, then the rows created "now" (Bitrix24's monotonic createdTime).
        var ready = preview.Rows.Where(r => r.Status == ImportRowStatus.Ready)
            .OrderBy(r => r.Item!.CreatedAt is null ? 1 : 0).ThenBy(r => r.Item!.CreatedAt).ThenBy(r => r.Line).ToList();
        var done = 0;
        foreach (var chunk in ready.Chunk(_target.Limits.ItemsPerRequest))
        {
            var writes = await _target.CreateAsync([.. chunk.Select(r => r.Item!)], cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                var write = i < writes.Count ? writes[i] : new ImportWrite(null, "CRM не вернула результат для строки");
                if (write.Succeeded && write.Id is { } id)
                {
                    run.Outcomes[chunk[i].Line] = new ImportRowResult { Row = chunk[i], Outcome = ImportOutcome.Created, ItemId = id };
                    run.CreatedIds.Add(id);
                    run.CommentsFor.Add((chunk[i], id));
                }
                else
                {
                    run.Outcomes[chunk[i].Line] = new ImportRowResult { Row = chunk[i], Outcome = ImportOutcome.Failed, Reason = $"CRM отказала: {write.Error}" };
                }
            }

            done += chunk.Length;
            run.Progress?.Report(new ImportProgress(done, ready.Count, "writing", _target.Requests - run.Start));
        }
    }

    /// <summary>
    /// Duplicates of CRM clients (with <see cref="DuplicateChoice.Merge"/>): fills only the client's empty fields; a
    /// client with all of them filled is merged without a write.
    /// </summary>
    private async Task MergeDuplicatesAsync(ImportPreview preview, Dictionary<long, ImportExisting> existing, RunState run, CancellationToken cancellationToken)
    {
        var crmDuplicates = preview.Rows.Where(r => r.Status == ImportRowStatus.Duplicate && r.DuplicateOf is { InFile: false }).ToList();
        var merges = new List<(ImportRow Row, ImportMerge Merge)>();
        foreach (var row in crmDuplicates)
        {
            var id = row.ExistingItemId!.Value;
            var fill = EmptyOnly(row.Item!, existing.GetValueOrDefault(id));
            if (fill is null)
            {
                run.Outcomes[row.Line] = new ImportRowResult { Row = row, Outcome = ImportOutcome.Merged, ItemId = id, Reason = "все поля уже заполнены" };
                run.CommentsFor.Add((row, id));
            }
            else
            {
                merges.Add((row, new ImportMerge(id, fill)));
            }
        }

        var done = 0;
        foreach (var chunk in merges.Chunk(_target.Limits.UpdatesPerRequest))
        {
            var writes = await _target.FillEmptyAsync([.. chunk.Select(m => m.Merge)], cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                var (row, merge) = chunk[i];
                var write = i < writes.Count ? writes[i] : new ImportWrite(null, "CRM не вернула результат для строки");
                run.Outcomes[row.Line] = write.Succeeded
                    ? new ImportRowResult { Row = row, Outcome = ImportOutcome.Merged, ItemId = merge.ItemId, Reason = $"дополнен клиент {merge.ItemId}" }
                    : new ImportRowResult { Row = row, Outcome = ImportOutcome.Failed, ItemId = merge.ItemId, Reason = $"CRM отказала: {write.Error}" };
                if (write.Succeeded)
                {
                    run.CommentsFor.Add((row, merge.ItemId));
                }
            }

            done += chunk.Length;
            run.Progress?.Report(new ImportProgress(done, merges.Count, "merging", _target.Requests - run.Start));
        }
    }

    /// <summary>Adds the rows' comments to the created and merged clients; a refused comment is noted on its row. Returns how many failed.</summary>
    private async Task<int> WriteCommentsAsync(RunState run, CancellationToken cancellationToken)
    {
        var comments = run.CommentsFor.SelectMany(c => c.Row.Comments.Select(text => (c.Row, Comment: new ImportComment(c.Id, text)))).ToList();
        var commentsFailed = 0;
        var done = 0;
        foreach (var chunk in comments.Chunk(_target.Limits.CommentsPerRequest))
        {
            var writes = await _target.AddCommentsAsync([.. chunk.Select(c => c.Comment)], cancellationToken);
            for (var i = 0; i < chunk.Length; i++)
            {
                var write = i < writes.Count ? writes[i] : new ImportWrite(null, "CRM не вернула результат");
                if (!write.Succeeded)
                {
                    commentsFailed++;
                    var line = chunk[i].Row.Line;
                    var before = run.Outcomes[line];
                    run.Outcomes[line] = before with { Reason = $"{before.Reason}{(before.Reason.Length > 0 ? "; " : string.Empty)}комментарий не добавлен: {write.Error}" };
                }
            }

            done += chunk.Length;
            run.Progress?.Report(new ImportProgress(done, comments.Count, "comments", _target.Requests - run.Start));
        }

        return commentsFailed;
    }

    /// <summary>The outcome of every row nothing was written for: invalid, already imported, or a skipped duplicate.</summary>
    private static void SettleTheRest(ImportPreview preview, Dictionary<int, ImportRowResult> outcomes)
    {
        foreach (var row in preview.Rows.Where(r => !outcomes.ContainsKey(r.Line)))
        {
            outcomes[row.Line] = row.Status switch
            {
                ImportRowStatus.Invalid => new ImportRowResult { Row = row, Outcome = ImportOutcome.Invalid, Reason = string.Join("; ", row.Problems.Where(p => p.Severity == ImportSeverity.Error).Select(p => $"{p.Column}: {p.Message}")) },
                ImportRowStatus.AlreadyImported => new ImportRowResult { Row = row, Outcome = ImportOutcome.Skipped, ItemId = row.ExistingItemId, Reason = $"уже загружен ранее (клиент {row.ExistingItemId})" },
                _ => new ImportRowResult { Row = row, Outcome = ImportOutcome.Skipped, ItemId = row.ExistingItemId, Reason = row.DuplicateOf?.ToString() ?? "пропущен" },
            };
        }
    }

    /// <summary>The values of <paramref name="item"/> for fields <paramref name="existing"/> has empty; null when none.</summary>
    internal static ImportItem? EmptyOnly(ImportItem item, ImportExisting? existing)
    {
        var filled = existing?.Filled ?? new HashSet<string>();
        string? Keep(string name, string? value) => filled.Contains(name) ? null : value;
        var fields = item.Fields.Where(f => !filled.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
        var fill = new ImportItem
        {
            // The import marker only where the item has none: a re-run then sees the row as already imported.
            Key = filled.Contains(ImportFieldNames.Origin) ? string.Empty : item.Key,
            Title = string.Empty,
            LastName = Keep(ImportFieldNames.LastName, item.LastName),
            FirstName = Keep(ImportFieldNames.FirstName, item.FirstName),
            MiddleName = Keep(ImportFieldNames.MiddleName, item.MiddleName),
            Email = Keep(ImportFieldNames.Email, item.Email),
            ChannelId = Keep(ImportFieldNames.Channel, item.ChannelId),
            Fields = fields,
        };
        return fill.LastName is null && fill.FirstName is null && fill.MiddleName is null && fill.Email is null && fill.ChannelId is null && fields.Count == 0 && fill.Key.Length == 0
            ? null
            : fill;
    }

    private async Task<(ImportPreview Preview, Dictionary<long, ImportExisting> Existing)> CheckAsync(ImportLayout layout, ImportFile file, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(file);
        var start = _target.Requests;
        var now = _time.GetUtcNow();
        var info = await _target.DescribeAsync(layout, cancellationToken);
        var total = file.Rows.Count;
        progress?.Report(new ImportProgress(0, total, "checking", _target.Requests - start));
        var checkedRows = file.Rows.Select(r => RowCheck.Run(layout, r, info.Channels, _zone, now)).ToList();
        var inFile = DuplicatesInFile(checkedRows);
        var found = await FindImportedAsync(checkedRows, progress, start, cancellationToken);
        var (byPhone, existing) = await FindByPhonesAsync(checkedRows, found, inFile, progress, start, cancellationToken);

        var notices = new List<string>();
        if (!info.CanSetCreatedTime && checkedRows.Exists(r => r.CreatedLocal is not null && r.Item is not null))
        {
            notices.Add("Дату создания из файла может установить только администратор портала: клиенты будут созданы с текущей датой, а дата из файла будет записана в первый комментарий.");
        }

        var rows = checkedRows.Select(c => Verdict(c, info, found, inFile, byPhone)).ToList();
        if (rows.Exists(r => r.CreatedAtInComment is not null && r.Status == ImportRowStatus.Ready) && info.CanSetCreatedTime && info.NewestCreatedAt is { } newest)
        {
            notices.Add($"В CRM уже есть клиент, созданный {ImportDates.Show(TimeZoneInfo.ConvertTime(newest, _zone).DateTime)}: Bitrix24 не разрешает создавать записи с более ранней датой создания. Такие строки будут созданы с текущей датой, дата из файла — в первом комментарии.");
        }

        var preview = new ImportPreview
        {
            Rows = rows,
            Counts = Count(rows),
            Notices = notices,
            Requests = _target.Requests - start,
        };
        return (preview, existing);
    }

    /// <summary>Duplicates within the file, line → the line it repeats: the first row with a phone keeps it, later rows are its duplicates.</summary>
    private static Dictionary<int, int> DuplicatesInFile(List<RowCheck.Checked> checkedRows)
    {
        var firstByPhone = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFile = new Dictionary<int, int>();
        foreach (var row in checkedRows.Where(r => r.Item?.Phone is not null))
        {
            if (!firstByPhone.TryAdd(row.Item!.Phone!, row.Row.Line))
            {
                inFile[row.Row.Line] = firstByPhone[row.Item.Phone!];
            }
        }

        return inFile;
    }

    /// <summary>The rows' import keys an earlier run already wrote, key → the CRM item.</summary>
    private async Task<Dictionary<string, long>> FindImportedAsync(List<RowCheck.Checked> checkedRows, IProgress<ImportProgress>? progress, int start, CancellationToken cancellationToken)
    {
        var keys = checkedRows.Where(r => r.Item is not null).Select(r => r.Item!.Key).Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        var done = 0;
        foreach (var chunk in keys.Chunk(_target.Limits.KeysPerRequest))
        {
            foreach (var (key, id) in await _target.FindKeysAsync(chunk, cancellationToken))
            {
                found[key] = id;
            }

            done += chunk.Length;
            progress?.Report(new ImportProgress(done, keys.Count, "checking", _target.Requests - start));
        }

        return found;
    }

    /// <summary>
    /// The CRM's clients with the phones of rows not yet imported and not duplicates within the file: by phone (the
    /// oldest item with the phone) and by id.
    /// </summary>
    private async Task<(Dictionary<string, ImportExisting> ByPhone, Dictionary<long, ImportExisting> Existing)> FindByPhonesAsync(
        List<RowCheck.Checked> checkedRows, Dictionary<string, long> found, Dictionary<int, int> inFile, IProgress<ImportProgress>? progress, int start, CancellationToken cancellationToken)
    {
        var phones = checkedRows
            .Where(r => r.Item?.Phone is not null && !found.ContainsKey(r.Item.Key) && !inFile.ContainsKey(r.Row.Line))
            .Select(r => r.Item!.Phone!).Distinct(StringComparer.Ordinal).ToList();
        var byPhone = new Dictionary<string, ImportExisting>(StringComparer.Ordinal);
        var existing = new Dictionary<long, ImportExisting>();
        var done = 0;
        foreach (var chunk in phones.Chunk(_target.Limits.PhonesPerRequest))
        {
            foreach (var item in await _target.FindByPhonesAsync(chunk, cancellationToken))
            {
                existing[item.Id] = item;
                foreach (var phone in item.Phones)
                {
                    // The oldest item with the phone is "the" client.
                    if (!byPhone.TryGetValue(phone, out var other) || other.Id > item.Id)
                    {
                        byPhone[phone] = item;
                    }
                }
            }

            done += chunk.Length;
            progress?.Report(new ImportProgress(done, phones.Count, "checking", _target.Requests - start));
        }

        return (byPhone, existing);
    }

    private static ImportCounts Count(List<ImportRow> rows) => new()
    {
        Total = rows.Count,
        Ready = rows.Count(r => r.Status == ImportRowStatus.Ready),
        DuplicatesInFile = rows.Count(r => r.DuplicateOf is { InFile: true }),
        DuplicatesInCrm = rows.Count(r => r.DuplicateOf is { InFile: false }),
        AlreadyImported = rows.Count(r => r.Status == ImportRowStatus.AlreadyImported),
        Invalid = rows.Count(r => r.Status == ImportRowStatus.Invalid),
        WithWarnings = rows.Count(r => r.Problems.Any(p => p.Severity == ImportSeverity.Warning)),
    };

    private ImportRow Verdict(RowCheck.Checked c, ImportTargetInfo info, Dictionary<string, long> found, Dictionary<int, int> inFile, Dictionary<string, ImportExisting> byPhone)
    {
        var line = c.Row.Line;
        var problems = c.Problems;
        if (c.Item is not { } item)
        {
            return new ImportRow { Line = line, Cells = c.Cells, Status = ImportRowStatus.Invalid, Problems = problems };
        }

        // The creation date: kept when Bitrix24 allows it, else moved into the first comment (with a warning).
        var createdAt = c.CreatedLocal is { } local ? ImportDates.InZone(local, _zone) : (DateTimeOffset?)null;
        DateTimeOffset? inComment = null;
        if (createdAt is { } date && (!info.CanSetCreatedTime || info.NewestCreatedAt is { } newest && date < newest))
        {
            inComment = date;
            createdAt = null;
            var why = info.CanSetCreatedTime
                ? $"Дата создания раньше последнего клиента в CRM ({ImportDates.Show(TimeZoneInfo.ConvertTime(info.NewestCreatedAt!.Value, _zone).DateTime)}): Bitrix24 не разрешает создавать записи задним числом. Клиент будет создан с текущей датой, дата из файла — в первом комментарии."
                : "Дату создания может установить только администратор портала: клиент будет создан с текущей датой, дата из файла — в первом комментарии.";
            problems = [.. problems, new ImportProblem(line, "Дата создания", why, ImportSeverity.Warning)];
        }

        var comments = new List<string>(c.Notes);
        if (inComment is not null)
        {
            var dateNote = $"Дата создания в исходной системе: {ImportDates.Show(c.CreatedLocal!.Value)}";
            if (comments.Count > 0)
            {
                comments[0] = dateNote + "\n\n" + comments[0];
            }
            else
            {
                comments.Add(dateNote);
            }
        }

        item = item with { CreatedAt = createdAt };
        var row = new ImportRow { Line = line, Cells = c.Cells, Status = ImportRowStatus.Ready, Problems = problems, Item = item, CreatedAtInComment = inComment, Comments = comments };
        if (found.TryGetValue(item.Key, out var importedId))
        {
            return row with { Status = ImportRowStatus.AlreadyImported, ExistingItemId = importedId };
        }

        if (inFile.TryGetValue(line, out var first))
        {
            return row with { Status = ImportRowStatus.Duplicate, DuplicateOf = new ImportDuplicate { Line = first } };
        }

        if (item.Phone is { } phone && byPhone.TryGetValue(phone, out var existing))
        {
            return row with { Status = ImportRowStatus.Duplicate, DuplicateOf = new ImportDuplicate { ItemId = existing.Id }, ExistingItemId = existing.Id };
        }

        return row;
    }

    /// <summary>A run's writes so far: each row's outcome, the created ids, the clients whose rows' comments are still to add.</summary>
    private sealed class RunState(int start, IProgress<ImportProgress>? progress)
    {
        public int Start { get; } = start;

        public IProgress<ImportProgress>? Progress { get; } = progress;

        public Dictionary<int, ImportRowResult> Outcomes { get; } = new();

        public List<long> CreatedIds { get; } = new();

        public List<(ImportRow Row, long Id)> CommentsFor { get; } = new();
    }
}
