using System.Buffers.Binary;
using System.Globalization;
using Crm.Connector.Sandbox.OneC.Query;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>
/// The infobase: every entity set of <see cref="Schemas"/> and the writes 1C does on them (§1.5, §1.6). One gate guards
/// all state; callers get copies, never the stored objects.
/// </summary>
internal sealed class InfoBase
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, EntityTable> _tables = Schemas.All.ToDictionary(s => s.Name, s => new EntityTable(s), StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _version;

    public InfoBase(TimeProvider time)
    {
        _time = time;
    }

    /// <summary>The published sets, in the order of <see cref="Schemas.All"/> (the service document, §1.1).</summary>
    public IReadOnlyList<string> Published()
    {
        lock (_gate)
        {
            return [.. Schemas.All.Where(s => _tables[s.Name].Published).Select(s => s.Name)];
        }
    }

    /// <summary>§1.8: the set leaves the OData composition; its data stays in the base.</summary>
    public void Unpublish(string set)
    {
        lock (_gate)
        {
            Table(set).Published = false;
        }
    }

    /// <summary>The schema of a published set, else null (unknown or unpublished).</summary>
    public EntitySchema? PublishedSchema(string set)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(set, out var table) && table.Published ? table.Schema : null;
        }
    }

    public JObject? Find(string set, Guid key)
    {
        lock (_gate)
        {
            return (JObject?)Table(set).Find(key)?.DeepClone();
        }
    }

    public IReadOnlyList<JObject> All(string set)
    {
        lock (_gate)
        {
            return [.. Table(set).Rows.Select(r => (JObject)r.DeepClone())];
        }
    }

    /// <summary>A collection read: filtered, ordered, paged and projected copies, and the count of all matches.</summary>
    public (IReadOnlyList<JObject> Rows, int Matches) Query(string set, Func<JObject, bool>? filter, Projection projection)
    {
        lock (_gate)
        {
            var matches = Table(set).Rows.Where(r => filter?.Invoke(r) ?? true).ToList();
            return ([.. projection.Page(matches).Select(r => projection.Select((JObject)r.DeepClone()))], matches.Count);
        }
    }

    /// <summary>
    /// §1.5 create: a client <c>Ref_Key</c> is honoured, else a new one; Code ("00-000001") or Number ("0000-000001")
    /// assigned when not sent; a new DataVersion; <c>DeletionMark</c> and a document's <c>Posted</c> false unless sent.
    /// Every known property is present in the answer with its empty value (§1.3: empty ref, empty date), as 1C sends them.
    /// </summary>
    public JObject Create(string set, JObject body)
    {
        lock (_gate)
        {
            var table = Table(set);
            var schema = table.Schema;
            var entity = Empty(schema);
            Merge(schema, entity, body);
            var key = body["Ref_Key"] is { Type: not JTokenType.Null } sent
                ? Guid.TryParse(sent.ToString(), out var given) && given != Guid.Empty ? given : throw new ODataException(400, "4", $"Неверное значение свойства Ref_Key: '{sent}'")
                : Guid.NewGuid();
            if (table.Find(key) is not null)
            {
                // §1.5: 1C refuses a second create with the same client Ref_Key («нарушено условие уникальности»); the
                // vendor table has code 15 for it. The HTTP status is UNCONFIRMED: 500 is chosen because the refusal comes
                // from the write (the database's unique index), like other write failures, not from request parsing.
                throw new ODataException(500, "15", $"Сущность с таким ключом уже существует ({set}, {key}): нарушено условие уникальности");
            }

            entity["Ref_Key"] = key.ToString("D");
            var numberField = schema.IsDocument ? "Number" : "Code";
            if (string.IsNullOrEmpty(entity.Value<string>(numberField)))
            {
                table.LastNumber++;
                entity[numberField] = schema.IsDocument
                    ? "0000-" + table.LastNumber.ToString("D6", CultureInfo.InvariantCulture)
                    : "00-" + table.LastNumber.ToString("D6", CultureInfo.InvariantCulture);
            }

            if (schema.IsDocument && body["Date"] is null)
            {
                // 1C fills a new document's date with the current moment of the base's time zone.
                entity["Date"] = Values.FormatDate(_time.GetLocalNow().DateTime);
            }

            entity["DataVersion"] = NextVersion();
            table.Add(key, entity);
            return (JObject)entity.DeepClone();
        }
    }

    /// <summary>§1.5 PATCH: only sent properties change, a table part is replaced whole; a new DataVersion.</summary>
    public JObject Patch(string set, Guid key, JObject changes)
    {
        lock (_gate)
        {
            var table = Table(set);
            var entity = table.Find(key) ?? throw ODataException.NotFound(set, key);
            Merge(table.Schema, entity, changes);
            entity["DataVersion"] = NextVersion();
            return (JObject)entity.DeepClone();
        }
    }

    /// <summary>
    /// §1.6 Post/Unpost. Posting runs the document's business checks, which fail as 500 code "-1" (§1.5): a document
    /// marked for deletion cannot be posted (1C: «Помеченный на удаление документ не может быть проведен»), and one
    /// without <c>Организация_Key</c> fails its filling check. Unposting has no checks.
    /// </summary>
    public void SetPosted(string set, Guid key, bool posted)
    {
        lock (_gate)
        {
            var table = Table(set);
            if (!table.Schema.IsDocument)
            {
                throw new ODataException(400, "11", $"Метод не найден: {set} не документ");
            }

            var entity = table.Find(key) ?? throw ODataException.NotFound(set, key);
            if (posted && entity.Value<bool>("DeletionMark"))
            {
                throw ODataException.Business($"Не удалось провести \"{entity.Value<string>("Number")}\": помеченный на удаление документ не может быть проведен");
            }

            if (posted && Values.Read(entity, "Организация_Key", FieldType.Reference) is Guid organization && organization == Guid.Empty)
            {
                throw ODataException.Business($"Не удалось провести \"{entity.Value<string>("Number")}\": поле \"Организация\" не заполнено");
            }

            entity["Posted"] = posted;
            entity["DataVersion"] = NextVersion();
        }
    }

    /// <summary>§1.5: DELETE removes the object physically (no deletion mark).</summary>
    public void Delete(string set, Guid key)
    {
        lock (_gate)
        {
            if (!Table(set).Remove(key))
            {
                throw ODataException.NotFound(set, key);
            }
        }
    }

    private EntityTable Table(string set) =>
        _tables.TryGetValue(set, out var table) ? table : throw new ArgumentException($"No entity set {set} in the sandbox 1C.", nameof(set));

    /// <summary>DataVersion: opaque, base64 like 1C's ("AAAAAQAAAAA="), different after every write of any object.</summary>
    private string NextVersion()
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, ++_version);
        return Convert.ToBase64String(bytes);
    }

    private static JObject Empty(EntitySchema schema)
    {
        var entity = new JObject();
        foreach (var (field, type) in schema.Fields)
        {
            entity[field] = EmptyValue(field, type);
        }

        foreach (var part in schema.TableParts.Keys)
        {
            entity[part] = new JArray();
        }

        return entity;
    }

    private static JToken EmptyValue(string field, FieldType type) => type switch
    {
        FieldType.Reference => Guid.Empty.ToString("D"),
        FieldType.Date => "0001-01-01T00:00:00",
        FieldType.Number => 0m,
        FieldType.Flag => false,
        // §1.3: an empty composite is typed StandardODATA.Undefined.
        FieldType.Text when field.EndsWith("_Type", StringComparison.Ordinal) => "StandardODATA.Undefined",
        _ => "",
    };

    /// <summary>
    /// Copies the known properties of <paramref name="changes"/> into <paramref name="entity"/>, normalised to their
    /// wire form; unknown ones are dropped (§1.2: 1C ignores them). <c>Ref_Key</c> and <c>DataVersion</c> are never taken
    /// from a body. Table parts replace the old rows whole (§1.5), numbered 1…n in the order sent.
    /// </summary>
    private static void Merge(EntitySchema schema, JObject entity, JObject changes)
    {
        foreach (var property in changes.Properties())
        {
            if (property.Name is "Ref_Key" or "DataVersion")
            {
                continue;
            }

            if (schema.Fields.TryGetValue(property.Name, out var type))
            {
                entity[property.Name] = Normalize(property.Name, type, property.Value);
            }
            else if (schema.TableParts.TryGetValue(property.Name, out var rowSchema))
            {
                if (property.Value is not JArray rows)
                {
                    throw new ODataException(400, "4", $"Неверное значение свойства {property.Name}: ожидается массив строк");
                }

                var replaced = new JArray();
                foreach (var sent in rows.OfType<JObject>())
                {
                    var row = new JObject();
                    foreach (var (field, fieldType) in rowSchema)
                    {
                        row[field] = sent[field] is { } value ? Normalize(field, fieldType, value) : EmptyValue(field, fieldType);
                    }

                    row["LineNumber"] = (replaced.Count + 1).ToString(CultureInfo.InvariantCulture);
                    replaced.Add(row);
                }

                entity[property.Name] = replaced;
            }
        }
    }

    private static JToken Normalize(string field, FieldType type, JToken value)
    {
        if (value.Type == JTokenType.Null)
        {
            return EmptyValue(field, type);
        }

        var text = value.Type == JTokenType.Date ? Values.FormatDate(value.Value<DateTime>()) : value.ToString();
        return type switch
        {
            FieldType.Reference => Guid.TryParse(text, out var key) ? key.ToString("D") : throw BadValue(field, text),
            FieldType.Date => Values.TryParseDate(text, out var date) ? Values.FormatDate(date) : throw BadValue(field, text),
            FieldType.Number => value.Type is JTokenType.Integer or JTokenType.Float ? value.Value<decimal>()
                : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : throw BadValue(field, text),
            FieldType.Flag => value.Type == JTokenType.Boolean ? value.Value<bool>() : throw BadValue(field, text),
            _ => text,
        };
    }

    /// <summary>Code 4 "bad property value" (17.4.10) for a value that does not fit the property's type — 400.</summary>
    private static ODataException BadValue(string field, string text) => new(400, "4", $"Неверное значение свойства {field}: '{text}'");
}
