using System.Globalization;
using Crm.Connector.AmoCrm.Transport;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>
/// A custom field value's <c>value</c>, which amoCRM sends as whatever suits the field type (amocrm-api.md §12.8): text,
/// a number, true/false, unix seconds (dates) or an object (addresses, legal entities). Kept as sent; read it as the
/// type you expect.
/// </summary>
[JsonConverter(typeof(AmoValueConverter))]
public sealed record AmoValue(JToken Raw)
{
    public bool IsNull => Raw.Type is JTokenType.Null or JTokenType.Undefined;

    /// <summary>Text as sent (numbers and booleans in invariant form); null for null or an object.</summary>
    public string? AsText() => Raw switch
    {
        JValue { Value: null } => null,
        JValue { Value: IFormattable number } => number.ToString(null, CultureInfo.InvariantCulture),
        JValue value => value.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A number (a numeric string is read too); null otherwise.</summary>
    public decimal? AsNumber() => Raw.Type is JTokenType.Integer or JTokenType.Float ? Raw.Value<decimal>()
        : decimal.TryParse(AsText(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>A checkbox: true/false, 1/0, "1"/"0".</summary>
    public bool? AsBoolean() => Raw.Type == JTokenType.Boolean ? Raw.Value<bool>()
        : AsNumber() is { } n ? n != 0
        : bool.TryParse(AsText(), out var b) ? b : null;

    /// <summary>A date or date_time: unix seconds (or an ISO text).</summary>
    public DateTimeOffset? AsInstant() => AsNumber() is { } seconds ? DateTimeOffset.FromUnixTimeSeconds((long)seconds)
        : DateTimeOffset.TryParse(AsText(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    /// <summary>An object value as <typeparamref name="T"/>.</summary>
    public T? As<T>() => IsNull ? default : Raw.ToObject<T>(AmoJson.Serializer);

    public override string ToString() => AsText() ?? Raw.ToString(Formatting.None);
}
