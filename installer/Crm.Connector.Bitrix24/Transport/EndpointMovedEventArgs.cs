namespace Crm.Connector.Bitrix24.Transport;

/// <summary>The portal answered from a new address (its domain was renamed); calls now go to <see cref="NewEndpoint"/>.</summary>
public sealed class EndpointMovedEventArgs(Uri oldEndpoint, Uri newEndpoint) : EventArgs
{
    public Uri OldEndpoint { get; } = oldEndpoint;

    public Uri NewEndpoint { get; } = newEndpoint;

    /// <summary>The portal's new host (and port), e.g. <c>newname.bitrix24.ru</c>.</summary>
    public string NewDomain => NewEndpoint.Authority;
}
