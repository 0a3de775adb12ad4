using Crm.Connector.Templates.Model;

namespace Crm.Connector.Import;

/// <summary>
/// The columns of the import file for an installed template (seed 002: «В шаблоне нельзя менять порядок столбцов»).
/// Fixed columns first — «Дата создания», «Фамилия», «Имя», «Отчество», «Телефон», «E-mail», «Канал привлечения»,
/// «Примечание», «Примечание 2» — then one column per custom lead field of the template not already covered, in the
/// template's order. Clients are leads in the Bitrix24 templates (driving-school).
/// </summary>
/// <remarks>
/// A template may declare its own lead fields named Имя/Фамилия/Отчество (driving-school: FIRST_NAME, LAST_NAME,
/// MIDDLE_NAME → UF_CRM_FIRST_NAME… on the portal, see Bitrix24Names). They get no second column: the fixed column
/// carries the value into BOTH the built-in NAME/LAST_NAME/SECOND_NAME (the lead card, search, duplicate control and the
/// title use those) AND the template's field (its robots and stage rules read that) — one value, two places, never out
/// of step after an import.
/// </remarks>
public sealed class ImportLayout
{
    private ImportLayout(string entity, IReadOnlyList<ImportColumn> columns)
    {
        Entity = entity;
        Columns = columns;
    }

    /// <summary>The CRM entity a row becomes: <c>lead</c>.</summary>
    public string Entity { get; }

    public IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The layout for <paramref name="template"/>'s clients (leads).</summary>
    public static ImportLayout For(CrmTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var fields = template.Fields.Lead;
        FieldDefinition? Named(string ru) => fields.FirstOrDefault(f => !f.IsList && f.Type is FieldType.String or FieldType.Text && string.Equals(f.Name.Get("ru").Trim(), ru, StringComparison.OrdinalIgnoreCase));
        var last = Named("Фамилия");
        var first = Named("Имя");
        var middle = Named("Отчество");
        var columns = new List<ImportColumn>
        {
            new() { Header = "Дата создания", Kind = ImportColumnKind.CreatedAt, Example = "01.01.2000 12:34:00" },
            new() { Header = "Фамилия", Kind = ImportColumnKind.LastName, Field = last, Example = "Иванов" },
            new() { Header = "Имя", Kind = ImportColumnKind.FirstName, Field = first, Example = "Евгений" },
            new() { Header = "Отчество", Kind = ImportColumnKind.MiddleName, Field = middle, Example = "Петрович" },
            new() { Header = "Телефон", Kind = ImportColumnKind.Phone, Example = "+79171234578" },
            new() { Header = "E-mail", Kind = ImportColumnKind.Email, Example = "ivanov@example.ru" },
            new() { Header = "Канал привлечения", Kind = ImportColumnKind.Channel, Example = "Реклама" },
            new() { Header = "Примечание", Kind = ImportColumnKind.Note, Example = "Интересовался категорией B" },
            new() { Header = "Примечание 2", Kind = ImportColumnKind.Note2, Example = string.Empty },
        };
        var taken = new HashSet<string>(columns.Select(c => c.Header), StringComparer.OrdinalIgnoreCase);
        foreach (var field in fields)
        {
            if (ReferenceEquals(field, last) || ReferenceEquals(field, first) || ReferenceEquals(field, middle) || field.Type is FieldType.File or FieldType.User or FieldType.Address)
            {
                continue;
            }

            var header = field.Name.Get("ru").Trim();
            if (!taken.Add(header))
            {
                header = $"{header} ({field.Code})";
                taken.Add(header);
            }

            columns.Add(new ImportColumn { Header = header, Kind = ImportColumnKind.Field, Field = field, Example = ExampleOf(field) });
        }

        return new ImportLayout("lead", columns);
    }

    /// <summary>The column with <paramref name="kind"/> (one of the fixed ones).</summary>
    public int IndexOf(ImportColumnKind kind)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i].Kind == kind)
            {
                return i;
            }
        }

        return -1;
    }

    private static string ExampleOf(FieldDefinition field) => field.Type switch
    {
        FieldType.List or FieldType.MultiList => field.Items.Count > 0 ? field.Items[0].Name.Get("ru") : string.Empty,
        FieldType.Date or FieldType.Birthday => "01.01.2000",
        FieldType.DateTime => "01.01.2000 12:34:00",
        FieldType.Boolean => "Да",
        FieldType.Integer => "1",
        FieldType.Number or FieldType.Money => "1500",
        _ => field.Example ?? string.Empty,
    };
}
