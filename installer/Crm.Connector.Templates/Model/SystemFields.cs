using System.Collections.Frozen;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// Built-in fields a template may name (lower-case, so they never clash with custom <c>A-Z0-9_</c> codes). Each CRM
/// backend maps them to its own (Bitrix24 <c>ASSIGNED_BY_ID</c>, <c>OPPORTUNITY</c>…; amoCRM <c>responsible_user_id</c>,
/// <c>price</c>…).
/// </summary>
public static class SystemFields
{
    public const string Id = "id";
    public const string Url = "url";
    public const string Title = "title";
    public const string Name = "name";
    public const string Responsible = "responsible";
    public const string CreatedBy = "createdBy";
    public const string CreatedAt = "createdAt";
    public const string Stage = "stage";
    public const string StageSemantics = "stageSemantics";
    public const string Pipeline = "pipeline";
    public const string Amount = "amount";
    public const string Source = "source";
    public const string Phone = "phone";
    public const string Email = "email";

    /// <summary>Fields an automation may write with <c>setField</c>.</summary>
    public static readonly FrozenSet<string> Writable = FrozenSet.ToFrozenSet([Title, Responsible, Amount, Source], StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, SystemFieldKind> Common = new Dictionary<string, SystemFieldKind>
    {
        [Id] = SystemFieldKind.Id,
        [Url] = SystemFieldKind.Url,
        [Responsible] = SystemFieldKind.User,
        [CreatedBy] = SystemFieldKind.User,
        [CreatedAt] = SystemFieldKind.DateTime,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<CrmEntity, FrozenDictionary<string, SystemFieldKind>> ByEntity =
        new Dictionary<CrmEntity, FrozenDictionary<string, SystemFieldKind>>
        {
            [CrmEntity.Lead] = With(new()
            {
                [Title] = SystemFieldKind.Text,
                [Name] = SystemFieldKind.Text,
                [Stage] = SystemFieldKind.Stage,
                [StageSemantics] = SystemFieldKind.StageSemantics,
                [Amount] = SystemFieldKind.Money,
                [Source] = SystemFieldKind.Source,
                [Phone] = SystemFieldKind.Phone,
                [Email] = SystemFieldKind.Email,
            }),
            [CrmEntity.Deal] = With(new()
            {
                [Title] = SystemFieldKind.Text,
                [Stage] = SystemFieldKind.Stage,
                [StageSemantics] = SystemFieldKind.StageSemantics,
                [Pipeline] = SystemFieldKind.Pipeline,
                [Amount] = SystemFieldKind.Money,
                [Source] = SystemFieldKind.Source,
            }),
            [CrmEntity.Contact] = With(new()
            {
                [Name] = SystemFieldKind.Text,
                [Phone] = SystemFieldKind.Phone,
                [Email] = SystemFieldKind.Email,
                [Source] = SystemFieldKind.Source,
            }),
            [CrmEntity.Company] = With(new()
            {
                [Title] = SystemFieldKind.Text,
                [Phone] = SystemFieldKind.Phone,
                [Email] = SystemFieldKind.Email,
            }),
        }.ToFrozenDictionary();

    /// <summary>The built-in fields of <paramref name="entity"/> with their kinds.</summary>
    public static IReadOnlyDictionary<string, SystemFieldKind> Of(CrmEntity entity) => ByEntity[entity];

    /// <summary>The kind of built-in field <paramref name="name"/> on <paramref name="entity"/>, if it exists.</summary>
    public static SystemFieldKind? Find(CrmEntity entity, string name) =>
        ByEntity[entity].TryGetValue(name, out var kind) ? kind : null;

    private static FrozenDictionary<string, SystemFieldKind> With(Dictionary<string, SystemFieldKind> own)
    {
        foreach (var (name, kind) in Common)
        {
            own.TryAdd(name, kind);
        }

        return own.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
