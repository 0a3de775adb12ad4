namespace Crm.Connector.Functions.Hosting;

/// <summary>The local host's address is taken (another instance is probably running).</summary>
public sealed class AddressInUseException(string url)
    : Exception($"{url} is already in use. Another instance may be running; stop it, or choose another address with LocalHost__Url=http://127.0.0.1:7072.")
{
    public string Url { get; } = url;
}
