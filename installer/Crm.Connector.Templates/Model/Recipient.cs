using System.Globalization;

namespace Crm.Connector.Templates.Model;

/// <summary>
/// Who receives a notification, task or e-mail. In JSON a string: <c>responsible</c>, <c>supervisor</c>, <c>contact</c>,
/// <c>position:&lt;key&gt;</c> or <c>field:&lt;FIELD_CODE&gt;</c>.
/// </summary>
public sealed record Recipient(RecipientKind Kind, string? Key = null)
{
    public static readonly Recipient Responsible = new(RecipientKind.Responsible);

    public static readonly Recipient Supervisor = new(RecipientKind.Supervisor);

    public static readonly Recipient Contact = new(RecipientKind.Contact);

    public static Recipient OfPosition(string key) => new(RecipientKind.Position, key);

    public static Recipient OfField(string code) => new(RecipientKind.Field, code);

    /// <summary>Parses the JSON form; null when it is not one of the forms above.</summary>
    public static Recipient? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        switch (text)
        {
            case "responsible":
                return Responsible;
            case "supervisor":
                return Supervisor;
            case "contact":
                return Contact;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return null;
        }

        var key = text[(colon + 1)..];
        return text[..colon] switch
        {
            "position" => OfPosition(key),
            "field" => OfField(key),
            _ => null,
        };
    }

    public override string ToString() => Kind switch
    {
        RecipientKind.Position => "position:" + Key,
        RecipientKind.Field => "field:" + Key,
        _ => Kind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
