using Crm.Connector.Templates.Model;

namespace Crm.Connector.Import.Rules;

/// <summary>
/// One file row against the layout and the CRM's channels (pure): normalised phone, dates in the portal's zone, e-mail,
/// channel (unknown → the first channel, a warning — seed 002), template fields by type, formulas refused.
/// </summary>
internal static class RowCheck
{
    public sealed record Checked(
        ImportFileRow Row,
        Dictionary<string, string> Cells,
        List<ImportProblem> Problems,
        DateTime? CreatedLocal,
        ImportItem? Item,
        List<string> Notes)
    {
        public bool HasErrors => Problems.Exists(p => p.Severity == ImportSeverity.Error);
    }

    public static Checked Run(ImportLayout layout, ImportFileRow row, IReadOnlyList<ImportChannel> channels, TimeZoneInfo zone, DateTimeOffset now)
    {
        var cells = new Dictionary<string, string>(StringComparer.Ordinal);
        var values = new RowValues(row.Line);
        for (var i = 0; i < layout.Columns.Count; i++)
        {
            var column = layout.Columns[i];
            var cell = row.Cells[i];
            cells[column.Header] = cell.Date is { } d ? ImportDates.Show(d) : cell.Text;
            if (cell.Formula)
            {
                values.Error(column, "Формула в ячейке — введите значение (формулы не загружаются).");
                continue;
            }

            var text = cell.Text.Trim();
            if (text.Length == 0 && cell.Date is null)
            {
                continue;
            }

            ReadCell(values, column, cell, text, channels, zone, now);
        }

        foreach (var (kind, value) in new[] { (ImportColumnKind.LastName, values.LastName), (ImportColumnKind.FirstName, values.FirstName), (ImportColumnKind.MiddleName, values.MiddleName) })
        {
            if (value is not null && layout.Columns[layout.IndexOf(kind)].Field is { } nameField)
            {
                values.Fields[nameField.Code] = new ImportValue { Type = FieldType.String, Text = value };
            }
        }

        var problems = values.Problems;
        if (values.Phone is null && values.LastName is null && values.FirstName is null && !problems.Exists(p => p.Column == "Телефон"))
        {
            problems.Add(new ImportProblem(row.Line, "Телефон", "Укажите телефон или фамилию и имя клиента.", ImportSeverity.Error));
        }

        var item = problems.Exists(p => p.Severity == ImportSeverity.Error) ? null : Item(values, channels);
        return new Checked(row, cells, problems, values.Created, item, values.Notes);
    }

    /// <summary>One non-empty cell, by its column's kind, into <paramref name="values"/> (or a problem).</summary>
    private static void ReadCell(RowValues values, ImportColumn column, ImportCell cell, string text, IReadOnlyList<ImportChannel> channels, TimeZoneInfo zone, DateTimeOffset now)
    {
        switch (column.Kind)
        {
            case ImportColumnKind.CreatedAt:
                ReadCreatedAt(values, column, cell, text, zone, now);
                break;
            case ImportColumnKind.LastName:
                values.LastName = text;
                break;
            case ImportColumnKind.FirstName:
                values.FirstName = text;
                break;
            case ImportColumnKind.MiddleName:
                values.MiddleName = text;
                break;
            case ImportColumnKind.Phone:
                values.Phone = PhoneNumber.Normalize(text);
                if (values.Phone is null)
                {
                    values.Error(column, $"«{text}» — не телефон. Допустимо: +79171234578, 89171234578, +7(999) 125-99-99, 9171234578.");
                }

                break;
            case ImportColumnKind.Email:
                if (EmailAddress.IsValid(text))
                {
                    values.Email = text;
                }
                else
                {
                    values.Error(column, $"«{text}» — не адрес электронной почты (нужно вида name@example.ru).");
                }

                break;
            case ImportColumnKind.Channel:
                ReadChannel(values, column, text, channels);
                break;
            case ImportColumnKind.Note:
            case ImportColumnKind.Note2:
                values.Notes.Add(cell.Text.Trim());
                break;
            case ImportColumnKind.Field when column.Field is { } field:
                var (value, error) = FieldValues.Parse(field, cell, zone);
                if (error is not null)
                {
                    values.Error(column, error + ".");
                }
                else if (value is not null)
                {
                    values.Fields[field.Code] = value;
                }

                break;
        }
    }

    /// <summary>The creation date: a date (or date and time) in the portal's zone, not in the future.</summary>
    private static void ReadCreatedAt(RowValues values, ImportColumn column, ImportCell cell, string text, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (ImportDates.ParseLocal(cell) is not { } local)
        {
            values.Error(column, $"«{text}» — дата должна быть в виде 01.01.2000 12:34:00 или 01.01.2000.");
        }
        else if (ImportDates.InZone(local, zone) > now)
        {
            values.Error(column, $"Дата создания {ImportDates.Show(local)} в будущем — исправьте дату.");
        }
        else
        {
            values.Created = local;
        }
    }

    /// <summary>The channel by name; an unknown one becomes the first channel of the CRM's list, with a warning.</summary>
    private static void ReadChannel(RowValues values, ImportColumn column, string text, IReadOnlyList<ImportChannel> channels)
    {
        var channel = channels.FirstOrDefault(c => string.Equals(c.Name.Trim(), text, StringComparison.OrdinalIgnoreCase));
        if (channel is null && channels.Count > 0)
        {
            channel = channels[0];
            values.Problems.Add(new ImportProblem(values.Line, column.Header, $"Канала «{text}» нет в справочнике — будет «{channel.Name}» (первый канал справочника).", ImportSeverity.Warning));
        }

        values.ChannelId = channel?.Id;
    }

    /// <summary>The item to write for a row without errors: titled by last and first name, else by phone.</summary>
    private static ImportItem Item(RowValues values, IReadOnlyList<ImportChannel> channels)
    {
        var name = string.Join(' ', new[] { values.LastName, values.FirstName }.Where(n => !string.IsNullOrEmpty(n)));
        return new ImportItem
        {
            Key = ImportKey.For(values.Phone, values.Created, values.LastName, values.FirstName, values.MiddleName),
            Title = name.Length > 0 ? name : values.Phone!,
            LastName = values.LastName,
            FirstName = values.FirstName,
            MiddleName = values.MiddleName,
            Phone = values.Phone,
            Email = values.Email,
            ChannelId = values.ChannelId ?? (channels.Count > 0 ? channels[0].Id : null),
            Fields = values.Fields,
        };
    }

    /// <summary>What a row's cells gave so far: the values, the template fields, the notes and the problems.</summary>
    private sealed class RowValues(int line)
    {
        public int Line { get; } = line;

        public List<ImportProblem> Problems { get; } = new();

        public string? LastName { get; set; }

        public string? FirstName { get; set; }

        public string? MiddleName { get; set; }

        public string? Phone { get; set; }

        public string? Email { get; set; }

        public string? ChannelId { get; set; }

        public DateTime? Created { get; set; }

        public List<string> Notes { get; } = new();

        public Dictionary<string, ImportValue> Fields { get; } = new(StringComparer.Ordinal);

        public void Error(ImportColumn column, string message) => Problems.Add(new ImportProblem(Line, column.Header, message, ImportSeverity.Error));
    }
}
