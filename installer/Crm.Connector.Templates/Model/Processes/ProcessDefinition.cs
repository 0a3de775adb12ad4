using Newtonsoft.Json;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>
/// A business process the app runs, with its settings as data. In JSON an object with a <c>kind</c>:
/// <c>admissionScoring</c>, <c>refusalCallback</c>, <c>leadRouting</c>, <c>payments</c> or <c>invoice</c>.
/// Automations start it with a <c>runProcess</c> action; robots let admins start it from their own automation.
/// </summary>
public abstract record ProcessDefinition
{
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    [JsonRequired]
    public LocalizedText Name { get; init; } = LocalizedText.Plain(string.Empty);

    public LocalizedText? Description { get; init; }

    /// <summary>The entity the process works on.</summary>
    public CrmEntity Entity { get; init; } = CrmEntity.Deal;

    public string? RequiresPlan { get; init; }

    /// <summary>The JSON <c>kind</c> of this process.</summary>
    public abstract string KindName { get; }
}
