using Crm.Connector.Installer.Planning;
using Newtonsoft.Json.Linq;
using Spectre.Console;

namespace Crm.Connector.Cli.Output;

/// <summary>Shows a plan: grouped by pipeline, fields, robots…; what changes in full, what does not as counts.</summary>
internal static class PlanPrinter
{
    public static void Write(IAnsiConsole console, ProvisioningPlan plan, string portal, string planOrigin)
    {
        console.MarkupLine($"Plan for [bold]{Markup.Escape(plan.Desired.TemplateKey)}[/] {Markup.Escape(plan.Desired.TemplateVersion)} on {Markup.Escape(portal)} — plan [bold]{Markup.Escape(plan.Desired.Plan)}[/] ({Markup.Escape(planOrigin)})");
        foreach (var group in plan.Steps.GroupBy(s => s.Group))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]{Markup.Escape(group.Key)}[/]");
            var unchanged = 0;
            foreach (var step in group)
            {
                if (step.Action == StepAction.Unchanged && step.Note is null)
                {
                    unchanged++;
                    continue;
                }

                var (symbol, color) = Style(step.Action);
                var note = step.Note is null ? string.Empty : $" [grey]— {Markup.Escape(step.Note)}[/]";
                console.MarkupLine($"  [{color}]{symbol} {Markup.Escape(step.Title)}[/]{note}");
                foreach (var change in step.Changes)
                {
                    console.MarkupLine($"      [grey]{Markup.Escape(change.ToString())}[/]");
                }
            }

            if (unchanged > 0)
            {
                console.MarkupLine($"  [grey]= {unchanged} unchanged[/]");
            }
        }

        console.WriteLine();
        console.MarkupLine($"[bold]Plan:[/] {Markup.Escape(plan.Summary())}.");
        if (plan.Count(StepAction.Conflict) > 0)
        {
            console.MarkupLine("[yellow]Conflicts are left as they are. Re-run with --adopt to take over the existing objects (nothing is deleted).[/]");
        }

        if (plan.Count(StepAction.Keep) > 0)
        {
            console.MarkupLine("[yellow]Objects the template no longer has are kept; --allow-destroy removes them (never while they hold data).[/]");
        }
    }

    public static JObject ToJson(ProvisioningPlan plan, string portal, string planOrigin) => new()
    {
        ["template"] = plan.Desired.TemplateKey,
        ["version"] = plan.Desired.TemplateVersion,
        ["portal"] = portal,
        ["plan"] = new JObject { ["name"] = plan.Desired.Plan, ["origin"] = planOrigin },
        ["hasChanges"] = plan.HasChanges,
        ["summary"] = new JObject(Enum.GetValues<StepAction>().Select(a => new JProperty(Name(a), plan.Count(a)))),
        ["steps"] = new JArray(plan.Steps.Select(s => new JObject
        {
            ["key"] = s.Key.ToString(),
            ["kind"] = Name(s.Kind.ToString()),
            ["action"] = Name(s.Action),
            ["group"] = s.Group,
            ["title"] = s.Title,
            ["portalId"] = s.PortalId,
            ["note"] = s.Note,
            ["changes"] = new JArray(s.Changes.Select(c => new JObject { ["property"] = c.Property, ["from"] = c.From, ["to"] = c.To })),
        })),
    };

    private static (string Symbol, string Color) Style(StepAction action) => action switch
    {
        StepAction.Create => ("+", "green"),
        StepAction.Update => ("~", "yellow"),
        StepAction.Adopt => (">", "cyan"),
        StepAction.Conflict => ("!", "red"),
        StepAction.Delete => ("-", "red"),
        StepAction.Keep => ("=", "yellow"),
        StepAction.Skipped => (".", "grey"),
        StepAction.RunByApp => ("*", "blue"),
        _ => ("=", "grey"),
    };

    private static string Name(StepAction action) => Name(action.ToString());

    private static string Name(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
