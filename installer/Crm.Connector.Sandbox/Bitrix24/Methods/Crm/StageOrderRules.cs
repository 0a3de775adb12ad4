using Crm.Connector.Sandbox.Bitrix24.Rest;
using Crm.Connector.Sandbox.Bitrix24.State;

namespace Crm.Connector.Sandbox.Bitrix24.Methods.Crm;

/// <summary>
/// Stage semantics and order (bitrix24-rest.md §6.2): in-progress stages sort before the single success stage, and
/// failure stages after it. A second success stage is refused; a stage that is not a failure sorted after the success
/// stage is refused with "Cannot create more stages after the final stage". Assumed: a failure stage sorted before the
/// success stage is refused too, and the same rules hold for lead statuses and when SORT is changed by update.
/// </summary>
internal static class StageOrderRules
{
    public static void Check(IReadOnlyCollection<StageStatus> stages)
    {
        var successes = stages.Where(s => s.Semantics == "S").ToList();
        if (successes.Count > 1)
        {
            throw RestException.Core("There can be only one success stage; the success stage already exists.");
        }

        if (successes.Count == 0)
        {
            return;
        }

        var success = successes[0];
        if (stages.Any(s => s.Semantics is null && s.Sort >= success.Sort))
        {
            throw RestException.Core($"Cannot create more stages after the final stage (success stage {success.StatusId} has SORT {success.Sort}; in-progress stages must sort below it).");
        }

        if (stages.Any(s => s.Semantics == "F" && s.Sort <= success.Sort))
        {
            throw RestException.Core($"Failure stages must sort after the success stage {success.StatusId} (SORT {success.Sort}).");
        }
    }
}
