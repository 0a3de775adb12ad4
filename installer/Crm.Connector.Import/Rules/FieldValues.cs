using System.Globalization;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Import.Rules;

/// <summary>A cell as a template field's value, by the field's type; the error says what is expected.</summary>
public static class FieldValues
{
    /// <summary>The value, or the problem's text (Russian) when the cell does not fit the field.</summary>
    public static (ImportValue? Value, string? Error) Parse(FieldDefinition field, ImportCell cell, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(cell);
        var text = cell.Text.Trim();
        switch (field.Type)
        {
            case FieldType.List:
            case FieldType.MultiList:
                var item = field.Items.FirstOrDefault(i => string.Equals(i.Name.Get("ru").Trim(), text, StringComparison.OrdinalIgnoreCase) || string.Equals(i.Code, text, StringComparison.OrdinalIgnoreCase));
                return item is null
                    ? (null, $"«{text}» нет в списке. Допустимые значения: {string.Join("; ", field.Items.Select(i => $"«{i.Name.Get("ru")}»"))}")
                    : (new ImportValue { Type = field.Type, ItemCode = item.Code }, null);
            case FieldType.Boolean:
                return text.ToUpperInvariant() switch
                {
                    "ДА" or "Д" or "1" or "Y" or "YES" or "TRUE" or "ИСТИНА" => (new ImportValue { Type = field.Type, Flag = true }, null),
                    "НЕТ" or "Н" or "0" or "N" or "NO" or "FALSE" or "ЛОЖЬ" => (new ImportValue { Type = field.Type, Flag = false }, null),
                    _ => (null, $"«{text}» — укажите «Да» или «Нет»"),
                };
            case FieldType.Integer:
            case FieldType.Number:
            case FieldType.Money:
                var number = text.Replace('\u00A0', ' ').Replace(" ", string.Empty, StringComparison.Ordinal).Replace(',', '.');
                return decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && (field.Type != FieldType.Integer || value == decimal.Truncate(value))
                    ? (new ImportValue { Type = field.Type, Number = value }, null)
                    : (null, field.Type == FieldType.Integer ? $"«{text}» — нужно целое число" : $"«{text}» — нужно число");
            case FieldType.Date:
            case FieldType.Birthday:
                return ImportDates.ParseLocal(cell) is { } day
                    ? (new ImportValue { Type = field.Type, Date = DateOnly.FromDateTime(day) }, null)
                    : (null, $"«{text}» — нужна дата в виде 01.01.2000");
            case FieldType.DateTime:
                return ImportDates.ParseLocal(cell) is { } local
                    ? (new ImportValue { Type = field.Type, Instant = ImportDates.InZone(local, zone) }, null)
                    : (null, $"«{text}» — нужна дата в виде 01.01.2000 12:34:00 или 01.01.2000");
            default:
                return (new ImportValue { Type = field.Type, Text = cell.Date is { } d ? ImportDates.Show(d) : text }, null);
        }
    }
}
