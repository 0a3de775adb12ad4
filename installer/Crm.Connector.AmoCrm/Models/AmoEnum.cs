using System.Diagnostics.CodeAnalysis;
using Newtonsoft.Json;

namespace Crm.Connector.AmoCrm.Models;

/// <summary>A list item of a select/multiselect/radiobutton field; leave <see cref="Id"/> null for a new one.</summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "amoCRM calls list items enums; the agreed contract names the type so.")]
public sealed record AmoEnum(
    [property: JsonProperty("id")] long? Id,
    [property: JsonProperty("value")] string Value,
    [property: JsonProperty("sort")] int Sort,
    [property: JsonProperty("code")] string? Code);
