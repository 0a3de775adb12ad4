using Crm.Connector.Templates.Model;

namespace Crm.Connector.Templates.Validation;

/// <summary>A field reference resolved to a custom field or a built-in field of some entity.</summary>
internal sealed record ResolvedField(string Reference, CrmEntity Entity, FieldDefinition? Custom, SystemFieldKind? System)
{
    public bool IsList => Custom is { IsList: true };

    public bool IsBoolean => Custom?.Type == FieldType.Boolean;

    public bool IsNumeric => Custom?.Type is FieldType.Integer or FieldType.Number or FieldType.Money || System is SystemFieldKind.Money or SystemFieldKind.Id;

    public bool IsDate => Custom?.Type is FieldType.Date or FieldType.DateTime or FieldType.Birthday || System is SystemFieldKind.DateTime;

    public bool IsUser => Custom?.Type == FieldType.User || System == SystemFieldKind.User;

    public bool IsFile => Custom?.Type == FieldType.File;

    public bool IsTextual => Custom?.Type is FieldType.String or FieldType.Text or FieldType.Url or FieldType.Address ||
        System is SystemFieldKind.Text or SystemFieldKind.Phone or SystemFieldKind.Email or SystemFieldKind.Url;

    /// <summary>True for a field of the item itself (not of its contact or company).</summary>
    public bool IsOwn { get; init; } = true;

    public string Describe() => Custom is not null
        ? $"{Entity.ToString().ToLowerInvariant()} field '{Custom.Code}' ({Serialization.EnumNames.Of(Custom.Type)})"
        : $"built-in {Entity.ToString().ToLowerInvariant()} field '{Reference}'";
}
