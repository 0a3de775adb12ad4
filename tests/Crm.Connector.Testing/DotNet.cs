namespace Crm.Connector.Testing;

/// <summary>The <c>dotnet</c> that runs the tests, for starting our built programs the same way.</summary>
public static class DotNet
{
    /// <summary>Path of the dotnet host (DOTNET_HOST_PATH when the test runner sets it, else dotnet on PATH).</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

    /// <summary>The build configuration the tests were built in (Debug or Release).</summary>
    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The built <paramref name="assembly"/>.dll of project <paramref name="projectDirectory"/> (relative to the repository).</summary>
    public static string BuiltAssembly(string projectDirectory, string assembly) =>
        Repository.PathOf(projectDirectory, "bin", Configuration, "net10.0", assembly + ".dll");
}
