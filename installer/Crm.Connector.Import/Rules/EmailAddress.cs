using System.Text.RegularExpressions;

namespace Crm.Connector.Import.Rules;

/// <summary>A basic e-mail check: one @, something before, a dotted domain after, no spaces.</summary>
public static partial class EmailAddress
{
    public static bool IsValid(string? text) => text is not null && text.Length <= 254 && Shape().IsMatch(text.Trim());

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")]
    private static partial Regex Shape();
}
