using Crm.Connector.Automation.Conditions;
using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// Lead routing (seeds 000 and 001): a qualified lead becomes a contact and a deal in the pipeline its fields choose —
/// the first rule whose condition holds («Цель» = «Трудоустройство» → «Подбор инструкторов»; repair / shop / wash), else
/// the default — carrying over every value whose field the deal has too (same code, or renamed by the template's field
/// map). Run by the template's automation on the lead's success stage.
/// </summary>
public sealed class LeadRouting : IProcessRule
{
    private static readonly string[] CarriedBuiltIns = [BuiltInFields.Title, BuiltInFields.Amount, BuiltInFields.Responsible];

    public string Kind => LeadRoutingProcess.Kind;

    /// <summary>The pipeline and stage the rules choose for <paramref name="lead"/>.</summary>
    public static (string Pipeline, string? Stage) Choose(LeadRoutingProcess settings, ItemState lead)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rule = settings.Rules.FirstOrDefault(r => ConditionEvaluator.Evaluate(r.When, lead));
        return rule is null ? (settings.DefaultPipeline, settings.DefaultStage) : (rule.Pipeline, rule.Stage);
    }

    /// <summary>The lead's values for the deal: fields the deal has (directly or through the field map) and the title, amount and responsible user.</summary>
    public static Dictionary<string, object?> CarryOver(LeadRoutingProcess settings, ItemState lead, IReadOnlyCollection<string> dealFieldCodes)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(dealFieldCodes);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (field, value) in lead.Fields.Where(f => !FieldValues.IsEmpty(f.Value)))
        {
            var target = settings.FieldMap.GetValueOrDefault(field) ?? field;
            if (dealFieldCodes.Contains(target) || CarriedBuiltIns.Contains(target, StringComparer.Ordinal))
            {
                values[target] = value;
            }
        }

        return values;
    }

    public bool IsTriggeredBy(ProcessDefinition definition, ItemChange change) => false;

    public ProcessDecision Decide(ProcessDefinition definition, ItemState item, ProcessContext context)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(context);
        if (definition is not LeadRoutingProcess process || item.Entity != "lead")
        {
            return ProcessDecision.None;
        }

        var (pipeline, stage) = Choose(process, item);
        var automatic = process.Conversion == LeadConversion.Automatic;
        return new ProcessDecision
        {
            Route = new LeadRoute(pipeline, stage, CarryOver(process, item, [.. context.Template?.Fields.For(Templates.Model.CrmEntity.Deal).Select(f => f.Code) ?? []]), process.CreateContact, process.CreateCompany, automatic),
            Reason = automatic
                ? $"lead routing: a deal in {pipeline}" + (stage is null ? string.Empty : $" at {stage}")
                : "lead routing: conversion is manual — the manager converts the lead in the portal; the lead's values go to the deal made from it",
        };
    }

    /// <summary>
    /// What routing does for a lead the portal holds as <paramref name="state"/> says. A deal made from the lead means it
    /// was converted already (in the portal's own way, or routed before): nothing is created — no second deal — and that
    /// deal's empty fields get the lead's values. Manual conversion creates nothing either. Otherwise the deal is created,
    /// bound to the contact (and company) the lead already has, or to new ones when the template says so.
    /// </summary>
    public static LeadRoutePlan Plan(LeadRoute route, LeadConversionState state)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(state);
        var fill = new Dictionary<long, IReadOnlyDictionary<string, object?>>();
        foreach (var deal in state.Deals)
        {
            var values = route.DealFields.Where(v => FieldValues.IsBlank(deal[v.Key]) && !FieldValues.IsBlank(v.Value)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            if (values.Count > 0)
            {
                fill[deal.Id] = values;
            }
        }

        if (state.Deals.Count > 0)
        {
            var ids = string.Join(", ", state.Deals.Select(d => d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return new LeadRoutePlan(false, false, null, false, null, fill, $"already converted: deal {ids} was made from the lead; no second deal, {fill.Values.Sum(v => v.Count)} empty field(s) filled from the lead");
        }

        if (!route.Automatic)
        {
            return new LeadRoutePlan(false, false, null, false, null, fill, "conversion is manual: the manager converts the lead in the portal (no deal made from it yet)");
        }

        var contact = state.ContactId;
        var company = state.CompanyId;
        return new LeadRoutePlan(true, contact is null && route.CreateContact, contact, company is null && route.CreateCompany, company, fill,
            $"a deal in {route.Pipeline}" + (contact is null ? string.Empty : $", bound to the lead's contact {contact}") + (company is null ? string.Empty : $", and company {company}"));
    }
}
