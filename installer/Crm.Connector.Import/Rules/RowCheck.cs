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
        var problems = new List<ImportProblem>();
        string? lastName = null, firstName = null, middleName = null, phone = null, email = null, channelId = null;
        DateTime? created = null;
        var notes = new List<string>();
        var fields = new Dictionary<string, ImportValue>(StringComparer.Ordinal);
        void Error(ImportColumn column, string message) => problems.Add(new ImportProblem(row.Line, column.Header, message, ImportSeverity.Error));

        for (var i = 0; i < layout.Columns.Count; i++)
        {
            var column = layout.Columns[i];
            var cell = row.Cells[i];
            cells[column.Header] = cell.Date is { } d ? ImportDates.Show(d) : cell.Text;
            if (cell.Formula)
            {
                Error(column, "Формула в ячейке — введите значение (формулы не загружаются).");
                continue;
            }

            var text = cell.Text.Trim();
            if (text.Length == 0 && cell.Date is null)
            {
                continue;
            }

            switch (column.Kind)
            {
                case ImportColumnKind.CreatedAt:
                    if (ImportDates.ParseLocal(cell) is not { } local)
                    {
                        Error(column, $"«{text}» — дата должна быть в виде 01.01.2000 12:34:00 или 01.01.2000.");
                    }
                    else if (ImportDates.InZone(local, zone) > now)
                    {
                        Error(column, $"Дата создания {ImportDates.Show(local)} в будущем — исправьте дату.");
                    }
                    else
                    {
                        created = local;
                    }

                    break;
                case ImportColumnKind.LastName:
                    lastName = text;
                    break;
                case ImportColumnKind.FirstName:
                    firstName = text;
                    break;
                case ImportColumnKind.MiddleName:
                    middleName = text;
                    break;
                case ImportColumnKind.Phone:
                    phone = PhoneNumber.Normalize(text);
                    if (phone is null)
                    {
                        Error(column, $"«{text}» — не телефон. Допустимо: +79171234578, 89171234578, +7(999) 125-99-99, 9171234578.");
                    }

                    break;
                case ImportColumnKind.Email:
                    if (EmailAddress.IsValid(text))
                    {
                        email = text;
                    }
                    else
                    {
                        Error(column, $"«{text}» — не адрес электронной почты (нужно вида name@example.ru).");
                    }

                    break;
                case ImportColumnKind.Channel:
                    var channel = channels.FirstOrDefault(c => string.Equals(c.Name.Trim(), text, StringComparison.OrdinalIgnoreCase));
                    if (channel is null && channels.Count > 0)
                    {
                        channel = channels[0];
                        problems.Add(new ImportProblem(row.Line, column.Header, $"Канала «{text}» нет в справочнике — будет «{channel.Name}» (первый канал справочника).", ImportSeverity.Warning));
                    }

                    channelId = channel?.Id;
                    break;
                case ImportColumnKind.Note:
                case ImportColumnKind.Note2:
                    notes.Add(cell.Text.Trim());
                    break;
                case ImportColumnKind.Field when column.Field is { } field:
                    var (value, error) = FieldValues.Parse(field, cell, zone);
                    if (error is not null)
                    {
                        Error(column, error + ".");
                    }
                    else if (value is not null)
                    {
                        fields[field.Code] = value;
                    }

                    break;
            }
        }

        foreach (var (kind, value) in new[] { (ImportColumnKind.LastName, lastName), (ImportColumnKind.FirstName, firstName), (ImportColumnKind.MiddleName, middleName) })
        {
            if (value is not null && layout.Columns[layout.IndexOf(kind)].Field is { } nameField)
            {
                fields[nameField.Code] = new ImportValue { Type = FieldType.String, Text = value };
            }
        }

        if (phone is null && lastName is null && firstName is null && !problems.Exists(p => p.Column == "Телефон"))
        {
            problems.Add(new ImportProblem(row.Line, "Телефон", "Укажите телефон или фамилию и имя клиента.", ImportSeverity.Error));
        }

        ImportItem? item = null;
        if (!problems.Exists(p => p.Severity == ImportSeverity.Error))
        {
            var name = string.Join(' ', new[] { lastName, firstName }.Where(n => !string.IsNullOrEmpty(n)));
            item = new ImportItem
            {
                Key = ImportKey.For(phone, created, lastName, firstName, middleName),
                Title = name.Length > 0 ? name : phone!,
                LastName = lastName,
                FirstName = firstName,
                MiddleName = middleName,
                Phone = phone,
                Email = email,
                ChannelId = channelId ?? (channels.Count > 0 ? channels[0].Id : null),
                Fields = fields,
            };
        }

        return new Checked(row, cells, problems, created, item, notes);
    }
}
