namespace Crm.Connector.Testing.WorkerHost;

/// <summary>Direction of a function binding.</summary>
public enum BindingDirection
{
    In,
    Out,
    InOut,
}
