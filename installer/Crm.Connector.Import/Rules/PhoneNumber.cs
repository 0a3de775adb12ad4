namespace Crm.Connector.Import.Rules;

/// <summary>
/// Russian phone numbers in one form, <c>+79171234578</c> (seed 002: «+79171234578, 81234657885, +7(999) 125-99-99»):
/// the digits of the cell, 11 starting with 7 or 8, or 10 (the 7 is added). Spaces, brackets, dashes and dots are
/// allowed between them; anything else (letters, extension, another country) is not a phone we import.
/// </summary>
public static class PhoneNumber
{
    /// <summary>The number as <c>+7XXXXXXXXXX</c>, or null when it is not a Russian phone number.</summary>
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        var digits = new System.Text.StringBuilder(12);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c == '+' && i == 0)
            {
                continue;
            }
            else if (c is not (' ' or '(' or ')' or '-' or '.' or '\u00A0'))
            {
                return null;
            }
        }

        var d = digits.ToString();
        if (value.StartsWith('+') && !d.StartsWith('7'))
        {
            return null;
        }

        return d.Length switch
        {
            11 when d[0] is '7' or '8' => "+7" + d[1..],
            10 when !value.StartsWith('+') => "+7" + d,
            _ => null,
        };
    }
}
