using Crm.Connector.Import.Files;

namespace Crm.Connector.Import;

/// <summary>
/// The file to download and fill in (seed 002, «скачать файл-шаблон для заполнения»): sheet «Клиенты» with the header
/// row and one example row, and sheet «Правила» with the rules the service applies.
/// </summary>
public static class ImportTemplateFile
{
    /// <summary>The rules shown on the «Правила» sheet (seed 002, «Примечания»).</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "Не меняйте порядок столбцов и не удаляйте первую строку с заголовками — иначе файл не будет принят.",
        "Пример во второй строке листа «Клиенты» замените своими данными или удалите.",
        "Телефон: +79171234578, 89171234578, +7(999) 125-99-99, 8 (917) 123-45-78 или 9171234578 — все приводятся к виду +79171234578.",
        "Дата создания: 01.01.2000 12:34:00 или 01.01.2000 (время портала); будет датой создания клиента. Дата в будущем не принимается.",
        "Канал привлечения — как в справочнике каналов привлечения; если такого канала нет, берётся первый канал справочника.",
        "Примечание и Примечание 2 загружаются комментариями в ленту клиента.",
        "Для полей-списков укажите значение точно как в списке; для полей «Да/Нет» — «Да» или «Нет».",
        "Клиент с телефоном, который уже есть в CRM, — дубль: его можно пропустить или дополнить (заполняются только пустые поля, примечания добавляются комментариями).",
        "Повторная загрузка того же файла не создаёт клиентов второй раз.",
        "Формулы не загружаются: введите в ячейку значение.",
        "Не больше 20 000 строк и 10 МБ в одном файле.",
    ];

    public static void Write(ImportLayout layout, Stream output)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(output);
        var headers = layout.Columns.Select(c => c.Header).ToList();
        var example = layout.Columns.Select(c => c.Example).ToList();
        var widths = layout.Columns.Select(c => Math.Clamp(Math.Max(c.Header.Length, c.Example.Length) + 4, 12, 50)).Select(w => (double)w).ToList();
        XlsxWriter.Write(output,
        [
            new XlsxWriter.Sheet("Клиенты", headers, [example], widths),
            new XlsxWriter.Sheet("Правила", ["Правила загрузки"], Rules.Select(r => (IReadOnlyList<string>)[r]), [120]),
        ]);
    }
}
