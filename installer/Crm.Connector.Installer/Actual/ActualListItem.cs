namespace Crm.Connector.Installer.Actual;

/// <summary>An item of a list field, or a source, on the portal; <see cref="Code"/> is its stable code (XML_ID / STATUS_ID).</summary>
public sealed record ActualListItem(string Id, string? Code, string Name, int Sort)
{
    /// <summary>The name the CRM gave a source it made itself (Bitrix24's <c>NAME_INIT</c> of a system status), if it says.</summary>
    public string? InitialName { get; init; }

    /// <summary>One of the portal's own default sources that nobody has renamed.</summary>
    public bool IsUntouchedDefault => InitialName is { Length: > 0 } && Name == InitialName;
}
