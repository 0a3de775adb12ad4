namespace Crm.Connector.Templates.Model.Conditions;

/// <summary>The JSON type a literal was written as.</summary>
public enum LiteralKind
{
    String,
    Number,
    Boolean,
}
