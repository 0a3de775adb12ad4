namespace Crm.Connector.Installer.Planning;

/// <summary>Consent the admin gives for an apply.</summary>
public sealed record PlanOptions
{
    /// <summary>Take over existing objects that were not created by the app (rename, add to them; never delete).</summary>
    public bool Adopt { get; init; }

    /// <summary>Remove objects of ours the template no longer has (never ones holding data).</summary>
    public bool AllowDestroy { get; init; }
}
