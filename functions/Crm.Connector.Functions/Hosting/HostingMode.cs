namespace Crm.Connector.Functions.Hosting;

/// <summary>How the process was started.</summary>
public enum HostingMode
{
    /// <summary>On its own (<c>dotnet run</c>): the embedded local host serves the routes itself.</summary>
    Local,

    /// <summary>Started by the Azure Functions host, which talks to it on <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>.</summary>
    CustomHandler,
}
