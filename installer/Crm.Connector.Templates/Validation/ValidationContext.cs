using System.Text.RegularExpressions;
using Crm.Connector.Templates.Model;
using Crm.Connector.Templates.Plans;
using Crm.Connector.Templates.Serialization;

namespace Crm.Connector.Templates.Validation;

/// <summary>Shared state and lookups for the semantic rules: the template, findings so far, and resolvers.</summary>
internal sealed partial class ValidationContext(CrmTemplate template)
{
    private readonly List<Diagnostic> _diagnostics = [];

    public CrmTemplate Template { get; } = template;

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public void Error(string code, string path, string message, string? fix = null) =>
        _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, code, path, message, string.IsNullOrEmpty(fix) ? null : fix));

    public void Warning(string code, string path, string message, string? fix = null) =>
        _diagnostics.Add(new Diagnostic(DiagnosticSeverity.Warning, code, path, message, string.IsNullOrEmpty(fix) ? null : fix));

    /// <summary>JSON path of a flow: <c>$.leadFunnel</c> or <c>$.pipelines[i]</c>.</summary>
    public string PathOf(StageFlow flow) => flow is LeadFunnel
        ? "$.leadFunnel"
        : $"$.pipelines[{IndexOf(Template.Pipelines, (Pipeline)flow)}]";

    /// <summary>JSON path of the fields list of <paramref name="entity"/>.</summary>
    public static string FieldsPath(CrmEntity entity) => $"$.fields.{EnumNames.Of(entity)}";

    /// <summary>Reports a plan name that is not one of the template CRM's plans.</summary>
    public void CheckPlan(string path, string? plan)
    {
        if (plan is null || PlanCatalog.IsKnown(Template.Crm, plan))
        {
            return;
        }

        var canonical = PlanCatalog.Normalize(Template.Crm, plan);
        var plans = string.Join(", ", PlanCatalog.PlansOf(Template.Crm));
        Error(
            DiagnosticCodes.UnknownPlan,
            path,
            $"'{plan}' is not a {EnumNames.Of(Template.Crm)} plan; the plans are {plans}.",
            canonical is not null ? $"Use '{canonical}'." : Suggestions.DidYouMean(plan, PlanCatalog.PlansOf(Template.Crm)));
    }

    /// <summary>Reports every key that occurs more than once in <paramref name="items"/>.</summary>
    public void CheckUnique<T>(IReadOnlyList<T> items, Func<T, string> key, Func<int, string> pathOf, string what)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var k = key(items[i]);
            if (string.IsNullOrEmpty(k))
            {
                continue;
            }

            if (seen.TryGetValue(k, out var first))
            {
                Error(DiagnosticCodes.Duplicate, pathOf(i), $"{what} '{k}' is already used at {pathOf(first)}.", $"Give each {what} its own {(what.EndsWith("code", StringComparison.Ordinal) ? "code" : "key")}.");
            }
            else
            {
                seen[k] = i;
            }
        }
    }

    /// <summary>The flows a stage code of an automation on <paramref name="entity"/> may point into.</summary>
    public IReadOnlyList<StageFlow> FlowsFor(CrmEntity entity, string? pipeline) => entity switch
    {
        CrmEntity.Lead => Template.LeadFunnel is null ? [] : [Template.LeadFunnel],
        CrmEntity.Deal when pipeline is not null => Template.FindFlow(pipeline) is Pipeline p ? [p] : [],
        CrmEntity.Deal => [.. Template.Pipelines],
        _ => [],
    };

    /// <summary>Reports a stage code that none of <paramref name="flows"/> has.</summary>
    public bool CheckStage(string path, string code, IReadOnlyList<StageFlow> flows, string where)
    {
        if (flows.Any(f => f.Stages.Any(s => s.Code == code)))
        {
            return true;
        }

        var known = flows.SelectMany(f => f.Stages.Select(s => s.Code)).Distinct(StringComparer.Ordinal).ToList();
        Error(DiagnosticCodes.UnresolvedReference, path, $"stage '{code}' does not exist in {where}; its stages are {Suggestions.List(known, 20)}.", Suggestions.DidYouMean(code, known));
        return false;
    }

    /// <summary>Resolves a field reference (custom code, built-in name, <c>contact.X</c>, <c>company.X</c>) on <paramref name="entity"/>.</summary>
    public ResolvedField? Resolve(CrmEntity entity, string reference)
    {
        var target = entity;
        var name = reference;
        var own = true;
        var dot = reference.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var prefix = reference[..dot];
            name = reference[(dot + 1)..];
            own = false;
            target = prefix switch
            {
                "contact" when entity is CrmEntity.Lead or CrmEntity.Deal => CrmEntity.Contact,
                "company" when entity is CrmEntity.Lead or CrmEntity.Deal or CrmEntity.Contact => CrmEntity.Company,
                _ => (CrmEntity)(-1),
            };
            if (!Enum.IsDefined(target))
            {
                return null;
            }
        }

        if (Template.Fields.Find(target, name) is { } custom)
        {
            return new ResolvedField(reference, target, custom, null) { IsOwn = own };
        }

        return SystemFields.Find(target, name) is { } kind ? new ResolvedField(reference, target, null, kind) { IsOwn = own } : null;
    }

    /// <summary>Every name a reference on <paramref name="entity"/> may use (for suggestions).</summary>
    public IEnumerable<string> ReferenceNames(CrmEntity entity) =>
        Template.Fields.For(entity).Select(f => f.Code).Concat(SystemFields.Of(entity).Keys);

    /// <summary>Resolves <paramref name="reference"/> or reports it.</summary>
    public ResolvedField? ResolveOrReport(CrmEntity entity, string reference, string path)
    {
        var resolved = Resolve(entity, reference);
        if (resolved is null)
        {
            var names = ReferenceNames(entity).ToList();
            Error(
                DiagnosticCodes.UnresolvedReference,
                path,
                $"'{reference}' is not a field of the {EnumNames.Of(entity)}: not a custom field in {FieldsPath(entity)}, not a built-in field, not contact.X / company.X.",
                Suggestions.DidYouMean(reference, names) is { Length: > 0 } hint ? hint : $"Custom fields here: {Suggestions.List(Template.Fields.For(entity).Select(f => f.Code), 15)}.");
        }

        return resolved;
    }

    /// <summary>The placeholder prefix that names an installation setting instead of a field.</summary>
    public const string SettingsPrefix = "settings.";

    /// <summary>Checks every <c>{placeholder}</c> in <paramref name="text"/> resolves on <paramref name="entity"/>.</summary>
    public void CheckText(CrmEntity entity, LocalizedText? text, string path)
    {
        if (text is null)
        {
            return;
        }

        foreach (var value in text.Values.Values)
        {
            foreach (Match match in Placeholder().Matches(value))
            {
                var name = match.Groups[1].Value;

                // {settings.KEY} is filled from the installation's settings (a link the school sets once), not from the item.
                if (name.StartsWith(SettingsPrefix, StringComparison.Ordinal) && name.Length > SettingsPrefix.Length && !name[SettingsPrefix.Length..].Contains('.', StringComparison.Ordinal))
                {
                    continue;
                }

                if (Resolve(entity, name) is null)
                {
                    Error(DiagnosticCodes.Placeholder, path, $"placeholder {{{name}}} names no field of the {EnumNames.Of(entity)}.", Suggestions.DidYouMean(name, ReferenceNames(entity)) is { Length: > 0 } hint ? hint : "Use a custom field code or a built-in field (title, amount, responsible, url…).");
                }
            }
        }
    }

    /// <summary>Checks a recipient against positions and user fields.</summary>
    public void CheckRecipient(CrmEntity entity, Recipient recipient, string path, bool allowContact)
    {
        switch (recipient.Kind)
        {
            case RecipientKind.Position when !Template.Positions.Any(p => p.Key == recipient.Key):
                Error(DiagnosticCodes.UnresolvedReference, path, $"position '{recipient.Key}' is not defined in $.positions.", Suggestions.DidYouMean(recipient.Key!, Template.Positions.Select(p => p.Key)) is { Length: > 0 } hint ? hint : $"Add {{\"key\": \"{recipient.Key}\", \"name\": \"…\"}} to \"positions\".");
                break;
            case RecipientKind.Field:
                var field = Template.Fields.Find(entity, recipient.Key!);
                if (field is null)
                {
                    Error(DiagnosticCodes.UnresolvedReference, path, $"'{recipient.Key}' is not a {EnumNames.Of(entity)} field.", Suggestions.DidYouMean(recipient.Key!, Template.Fields.For(entity).Select(f => f.Code)));
                }
                else if (field.Type != FieldType.User)
                {
                    Error(DiagnosticCodes.Action, path, $"field '{field.Code}' is a {EnumNames.Of(field.Type)} field; a recipient field must be of type user.", "Point at a user field.");
                }

                break;
            case RecipientKind.Contact when !allowContact:
                Error(DiagnosticCodes.Action, path, "only e-mails can go to the contact; notifications and tasks go to users.", "Use responsible, supervisor, position:<key> or field:<CODE>.");
                break;
            case RecipientKind.Contact when entity is CrmEntity.Company:
                Error(DiagnosticCodes.Action, path, "a company has no single contact to write to.", "Put the automation on the deal or the contact.");
                break;
        }
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T item)
        where T : class
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"\{([^{}\s]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
