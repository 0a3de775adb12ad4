using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// Admission to the final test (driving school): the student is admitted when the sum of the theory test scores
/// (percent correct, each within <see cref="MinScore"/>..<see cref="MaxScore"/>) reaches <see cref="Threshold"/>.
/// The result goes to a boolean field; recomputed whenever a score changes.
/// </summary>
public sealed record AdmissionScoringProcess : ProcessDefinition
{
    public const string Kind = "admissionScoring";

    [JsonRequired]
    public IReadOnlyList<string> ScoreFields { get; init; } = [];

    [JsonRequired]
    public decimal Threshold { get; init; }

    [JsonRequired]
    public string ResultField { get; init; } = string.Empty;

    public decimal MinScore { get; init; }

    public decimal MaxScore { get; init; } = 100;

    public override string KindName => Kind;
}
