using Newtonsoft.Json.Linq;

namespace Crm.Connector.Templates.Validation.Schema;

/// <summary>One place where a document does not match the schema.</summary>
public sealed record SchemaError(JToken Token, string Path, string Message, string? Fix = null)
{
    /// <summary>The value is not even of the expected JSON type (the least helpful finding in an alternative).</summary>
    internal bool IsTypeMismatch { get; init; }
}
