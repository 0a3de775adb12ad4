using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// Admission to the final test (seed 000, «Анализ допуска к итоговому тесту»): a driving-school student is admitted when
/// the five theory test results — percent correct in «Меры за нарушения КоАП», «Правила безопасности во время
/// вождения», «Общее устройство машины», «Первая медицинская помощь», «ПДД» — add up to at least 425. A blank result
/// means the student has not taken that test yet, so is not admitted yet; a result outside 0–100 is a typing error and
/// is rejected with a comment rather than counted. Recomputed whenever any result changes. Fields, threshold and range
/// come from the template.
/// </summary>
public sealed class AdmissionScoring : IProcessRule
{
    public string Kind => AdmissionScoringProcess.Kind;

    /// <summary>The rule itself: the scores as the item holds them → the outcome.</summary>
    public static AdmissionResult Evaluate(IReadOnlyList<(string Field, object? Value)> scores, decimal threshold, decimal minScore, decimal maxScore)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var invalid = new List<string>();
        var missing = new List<string>();
        decimal total = 0;
        foreach (var (field, value) in scores)
        {
            if (FieldValues.IsEmpty(value))
            {
                missing.Add(field);
                continue;
            }

            var number = FieldValues.Number(value);
            if (number is null || number < minScore || number > maxScore)
            {
                invalid.Add(field);
                continue;
            }

            total += number.Value;
        }

        var status = invalid.Count > 0 ? AdmissionStatus.Invalid
            : missing.Count > 0 ? AdmissionStatus.Incomplete
            : total >= threshold ? AdmissionStatus.Admitted
            : AdmissionStatus.NotAdmitted;
        return new AdmissionResult(status, total, invalid, missing);
    }

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change) =>
        definition is AdmissionScoringProcess process && process.ScoreFields.Any(change.ChangedFields.Contains);

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (definition is not AdmissionScoringProcess process)
        {
            return ProcessDecision.None;
        }

        var result = Evaluate([.. process.ScoreFields.Select(f => (f, item[f]))], process.Threshold, process.MinScore, process.MaxScore);
        var admitted = result.Status == AdmissionStatus.Admitted;
        var comments = result.Status == AdmissionStatus.Invalid
            ? new[] { $"Результаты вне диапазона {process.MinScore}–{process.MaxScore} не учтены: {string.Join(", ", result.InvalidFields)}. Исправьте их, и допуск будет пересчитан." }
            : [];
        return new ProcessDecision
        {
            SetFields = new Dictionary<string, object?>(StringComparer.Ordinal) { [process.ResultField] = admitted },
            Comments = comments,
            Returns = new Dictionary<string, object?>(StringComparer.Ordinal) { ["admitted"] = admitted, ["total"] = result.Total },
            Reason = result.Status switch
            {
                AdmissionStatus.Admitted => $"admission scoring: total {result.Total} ≥ {process.Threshold}",
                AdmissionStatus.NotAdmitted => $"admission scoring: total {result.Total} < {process.Threshold}",
                AdmissionStatus.Incomplete => $"admission scoring: not all results yet ({string.Join(", ", result.MissingFields)} blank)",
                _ => $"admission scoring: out-of-range results rejected ({string.Join(", ", result.InvalidFields)})",
            },
        };
    }
}
