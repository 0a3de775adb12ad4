namespace Crm.Connector.Installer.Planning;

/// <summary>One property that differs: what the portal has, what the template wants.</summary>
public sealed record PropertyChange(string Property, string? From, string? To)
{
    public override string ToString() => From is null ? $"{Property}: {To}" : $"{Property}: {From} → {To}";
}
