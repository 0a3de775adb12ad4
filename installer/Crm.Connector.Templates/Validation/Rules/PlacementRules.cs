using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Model.Placements;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation.Rules;

/// <summary>
/// Placements (buttons in the CRM's interface, seed 004's «Выставить счет») have unique keys, a Russian and an English
/// title (the portal shows the one of its language), and run an existing process on the entity of their card, in
/// pipelines the template defines.
/// </summary>
internal static class PlacementRules
{
    private static readonly string[] Languages = ["ru", "en"];

    public static void Check(ValidationContext context)
    {
        var placements = context.Template.Placements;
        context.CheckUnique(placements, p => p.Key, i => $"$.placements[{i}].key", "placement key");
        for (var i = 0; i < placements.Count; i++)
        {
            CheckPlacement(context, placements[i], $"$.placements[{i}]");
        }
    }

    /// <summary>The entity whose card a location is on.</summary>
    public static CrmEntity EntityOf(PlacementLocation where) => where switch
    {
        PlacementLocation.DealCard => CrmEntity.Deal,
        _ => throw new ArgumentOutOfRangeException(nameof(where), where, "Unknown placement location."),
    };

    private static void CheckPlacement(ValidationContext context, PlacementDefinition placement, string path)
    {
        context.CheckPlan($"{path}.requiresPlan", placement.RequiresPlan);
        var missing = Languages.Where(language => !placement.Title.Values.ContainsKey(language)).ToList();
        if (missing.Count > 0)
        {
            context.Error(DiagnosticCodes.Localization, $"{path}.title", $"the button's title needs Russian and English text (the portal shows the one of its language); missing: {string.Join(", ", missing)}.", "Write it as {\"ru\": \"…\", \"en\": \"…\"}.");
        }

        var entity = EntityOf(placement.Where);
        var process = context.Template.Processes.FirstOrDefault(p => p.Key == placement.Process);
        if (process is null)
        {
            context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.process", $"process '{placement.Process}' is not defined in $.processes.", Fix(placement.Process, context.Template.Processes.Select(p => p.Key)));
        }
        else if (process.Entity != entity)
        {
            context.Error(DiagnosticCodes.Placement, $"{path}.process", $"process '{process.Key}' works on the {EnumNames.Of(process.Entity)}, so a button on the {EnumNames.Of(placement.Where)} cannot run it.", $"Name a process of the {EnumNames.Of(entity)}, or put the button on the {EnumNames.Of(process.Entity)}'s card.");
        }

        for (var i = 0; i < placement.Pipelines.Count; i++)
        {
            var pipeline = placement.Pipelines[i];
            if (!context.Template.Pipelines.Any(p => p.Key == pipeline))
            {
                context.Error(DiagnosticCodes.UnresolvedReference, $"{path}.pipelines[{i}]", $"pipeline '{pipeline}' is not defined in $.pipelines.", Fix(pipeline, context.Template.Pipelines.Select(p => p.Key)));
            }
        }
    }

    private static string Fix(string wrong, IEnumerable<string> keys)
    {
        var all = keys.ToList();
        return $"Use one of {Suggestions.List(all)}.{(Suggestions.DidYouMean(wrong, all) is { Length: > 0 } guess ? " " + guess : string.Empty)}";
    }
}
