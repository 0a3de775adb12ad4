using Crm.Connector.Installer.Actual;
using Crm.Connector.Installer.Desired;
using Crm.Connector.Templates.Model;

namespace Crm.Connector.Installer.Planning;

/// <summary>
/// Positions (SORT) for a flow's stages. A new flow gets 10, 20, 30…; in an existing flow, stages that are already in
/// the template's order keep their positions and new ones are slotted between their neighbours, keeping in-progress
/// stages before the success stage and failures after it (the CRM rejects anything else). Only when stages of ours
/// are out of order are they renumbered.
/// </summary>
internal static class SortAssigner
{
    private const int Step = 10;

    /// <summary>The position each desired stage should have; null keeps the one it has.</summary>
    public static int?[] Assign(IReadOnlyList<DesiredStage> stages, ActualStage?[] matches, bool[] ours, IReadOnlyList<ActualStage> existing, bool newFlow)
    {
        var result = new int?[stages.Count];
        if (newFlow || existing.Count == 0)
        {
            for (var i = 0; i < stages.Count; i++)
            {
                result[i] = (i + 1) * Step;
            }

            return result;
        }

        var matched = Enumerable.Range(0, stages.Count).Where(i => matches[i] is not null).ToList();
        var inOrder = matched.Zip(matched.Skip(1)).All(p => matches[p.First]!.Sort < matches[p.Second]!.Sort);
        if (!inOrder && matched.TrueForAll(i => ours[i]))
        {
            for (var i = 0; i < stages.Count; i++)
            {
                result[i] = (i + 1) * Step;
            }

            return result;
        }

        var success = matches.Zip(stages).FirstOrDefault(p => p.Second.Semantics == StageSemantics.Success).First?.Sort
            ?? existing.FirstOrDefault(s => s.Semantics == StageSemantics.Success)?.Sort;
        for (var i = 0; i < stages.Count; i++)
        {
            if (matches[i] is not null)
            {
                continue;
            }

            var before = Enumerable.Range(0, i).Select(j => matches[j]?.Sort ?? result[j]).Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty(0).Max();
            int? after = Enumerable.Range(i + 1, stages.Count - i - 1).Select(j => matches[j]?.Sort).Where(s => s is not null).Select(s => s!.Value).DefaultIfEmpty(int.MaxValue).Min();
            if (after == int.MaxValue)
            {
                after = null;
            }

            var semantics = stages[i].Semantics;
            if (success is { } s)
            {
                if (semantics == StageSemantics.Process)
                {
                    after = after is null ? s : Math.Min(after.Value, s);
                }
                else if (semantics == StageSemantics.Failure)
                {
                    before = Math.Max(before, s);
                }
            }

            result[i] = after is { } upper && upper - before > 1
                ? before + Math.Max(1, Math.Min(Step, (upper - before) / 2))
                : before + (after is null ? Step : 1);
        }

        return result;
    }
}
