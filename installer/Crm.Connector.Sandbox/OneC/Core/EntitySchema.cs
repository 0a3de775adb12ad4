namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>
/// One published entity set: its header properties and its table parts with their row properties. The lists follow
/// §2.1–2.5 (БП 3.0 names taken from real payloads). Properties outside them are dropped on write, as 1C ignores
/// unknown properties (§1.2); a filter, select or orderby naming one is a query error (400, code 14).
/// </summary>
internal sealed class EntitySchema
{
    private EntitySchema(string name, IReadOnlyDictionary<string, FieldType> fields, IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldType>> tableParts)
    {
        Name = name;
        Fields = fields;
        TableParts = tableParts;
    }

    public string Name { get; }

    public bool IsDocument => Name.StartsWith("Document_", StringComparison.Ordinal);

    /// <summary>Header properties; a composite <c>X</c> implies <c>X_Type</c> (a text property, listed too).</summary>
    public IReadOnlyDictionary<string, FieldType> Fields { get; }

    /// <summary>Table parts by name: row properties (always with <c>LineNumber</c>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldType>> TableParts { get; }

    public static EntitySchema Catalog(string name, (string Name, FieldType Type)[] fields, params (string Name, (string Name, FieldType Type)[] Rows)[] tableParts) =>
        Build(name, [("Code", FieldType.Text), ("Description", FieldType.Text), ("Predefined", FieldType.Flag), ("PredefinedDataName", FieldType.Text), .. fields], tableParts);

    public static EntitySchema Document(string name, (string Name, FieldType Type)[] fields, params (string Name, (string Name, FieldType Type)[] Rows)[] tableParts) =>
        Build(name, [("Number", FieldType.Text), ("Date", FieldType.Date), ("Posted", FieldType.Flag), .. fields], tableParts);

    private static EntitySchema Build(string name, (string Name, FieldType Type)[] fields, (string Name, (string Name, FieldType Type)[] Rows)[] tableParts)
    {
        var header = new Dictionary<string, FieldType>(StringComparer.Ordinal)
        {
            ["Ref_Key"] = FieldType.Reference,
            ["DataVersion"] = FieldType.Text,
            ["DeletionMark"] = FieldType.Flag,
        };
        foreach (var (field, type) in fields)
        {
            header[field] = type;
            if (type == FieldType.Composite)
            {
                header[field + "_Type"] = FieldType.Text;
            }
        }

        var parts = new Dictionary<string, IReadOnlyDictionary<string, FieldType>>(StringComparer.Ordinal);
        foreach (var (part, rows) in tableParts)
        {
            // LineNumber is Edm.Int64, which OData v3 JSON writes as a string ("1"), as in the §2.8 example.
            var row = new Dictionary<string, FieldType>(StringComparer.Ordinal) { ["LineNumber"] = FieldType.Text };
            foreach (var (field, type) in rows)
            {
                row[field] = type;
                if (type == FieldType.Composite)
                {
                    row[field + "_Type"] = FieldType.Text;
                }
            }

            parts[part] = row;
        }

        return new EntitySchema(name, header, parts);
    }
}
