namespace Crm.Connector.Templates.Model;

/// <summary>The value kind of a built-in field, for checking conditions and placeholders.</summary>
public enum SystemFieldKind
{
    Id,
    Text,
    Money,
    User,
    DateTime,
    Url,
    Phone,
    Email,

    /// <summary>A stage code of the item's flow.</summary>
    Stage,

    /// <summary><c>process</c>, <c>success</c> or <c>failure</c>.</summary>
    StageSemantics,

    /// <summary>A pipeline key.</summary>
    Pipeline,

    /// <summary>A code of the template's <c>sources</c>.</summary>
    Source,
}
