using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// Lead routing: a qualified lead becomes a contact (and a company when it names one) and a deal in the pipeline its
/// fields choose, carrying its field values over (same codes, plus <see cref="FieldMap"/>).
/// </summary>
public sealed record LeadRoutingProcess : ProcessDefinition
{
    public const string Kind = "leadRouting";

    /// <summary>Whether the app converts the lead itself or leaves it to the manager in the portal (default: the app).</summary>
    public LeadConversion Conversion { get; init; } = LeadConversion.Automatic;

    public IReadOnlyList<RoutingRule> Rules { get; init; } = [];

    /// <summary>The pipeline when no rule matches.</summary>
    [JsonRequired]
    public string DefaultPipeline { get; init; } = string.Empty;

    public string? DefaultStage { get; init; }

    public bool CreateContact { get; init; } = true;

    public bool CreateCompany { get; init; }

    /// <summary>Lead field code → deal field code, for fields whose codes differ.</summary>
    public IReadOnlyDictionary<string, string> FieldMap { get; init; } = new Dictionary<string, string>();

    public override string KindName => Kind;
}
