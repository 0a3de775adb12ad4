using Crm.Connector.Templates.Model.Processes;

namespace Crm.Connector.Automation.Processes;

/// <summary>
/// The rules by process kind. A kind without a rule here runs <see cref="NoOpRule"/>: it is accepted and audited as
/// "not implemented yet" rather than failing the item (the rules arrive one by one).
/// </summary>
public sealed class ProcessRegistry
{
    private readonly Dictionary<string, IProcessRule> _rules;

    public ProcessRegistry(IEnumerable<IProcessRule> rules) =>
        _rules = rules.ToDictionary(r => r.Kind, StringComparer.Ordinal);

    /// <summary>The registry with every rule this build has.</summary>
    public static ProcessRegistry Default() => new([new AdmissionScoring(), new RefusalCallback(), new Payments(), new LeadRouting(), new Invoice(), new OneCSync()]);

    public IProcessRule For(ProcessDefinition definition) =>
        _rules.TryGetValue(definition.KindName, out var rule) ? rule : new NoOpRule(definition.KindName);

    public bool Implements(string kind) => _rules.ContainsKey(kind);
}
