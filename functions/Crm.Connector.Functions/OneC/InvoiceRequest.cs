using System.Globalization;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Functions.OneC;

/// <summary>What the deal's 1C process handed over for its invoice (the job's payload, <c>OneCSync</c>'s values).</summary>
public sealed record InvoiceRequest(string Entity, long ItemId, string Title, decimal Amount, string Line, string? Inn, string? Kpp, string Person, string? Phone)
{
    /// <summary>The phone's digits with a leading 8 read as 7 (a Russian number written the old way), or null.</summary>
    public string? PhoneDigits => Phone is null ? null : new string([.. Phone.Where(char.IsAsciiDigit)]) is { Length: > 0 } digits
        ? digits.Length == 11 && digits[0] == '8' ? "7" + digits[1..] : digits
        : null;

    public static InvoiceRequest From(JObject payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        string Required(string name) => payload.Value<string>(name) is { Length: > 0 } value ? value : throw new FormatException($"The 1C invoice job has no '{name}'.");
        return new InvoiceRequest(
            Required("entity"),
            long.Parse(Required("id"), CultureInfo.InvariantCulture),
            payload.Value<string>("title") ?? string.Empty,
            decimal.Parse(Required("amount"), NumberStyles.Number, CultureInfo.InvariantCulture),
            payload.Value<string>("line") ?? string.Empty,
            payload.Value<string>("inn") is { Length: > 0 } inn ? inn : null,
            payload.Value<string>("kpp") is { Length: > 0 } kpp ? kpp : null,
            payload.Value<string>("person") is { Length: > 0 } person ? person : "Покупатель",
            payload.Value<string>("phone") is { Length: > 0 } phone ? phone : null);
    }
}
