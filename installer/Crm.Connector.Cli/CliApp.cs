using System.CommandLine;
using Crm.Connector.Cli.Commands;

namespace Crm.Connector.Cli;

/// <summary>The <c>crm-connector</c> command line, runnable in-process with any output writers (tests use that).</summary>
public static class CliApp
{
    /// <summary>Exit code: success (a valid template, a plan without changes…).</summary>
    public const int Ok = 0;

    /// <summary>Exit code: the input was invalid or the operation failed; the message says why.</summary>
    public const int Failed = 1;

    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, Console.In, stdout, stderr, cancellationToken);

    /// <summary>As <see cref="RunAsync(string[], TextWriter, TextWriter, CancellationToken)"/>, reading standard input from <paramref name="stdin"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var output = new CliOutput(stdout, stderr, stdin);
        var root = new RootCommand("crm-connector — install industry CRM solutions into Bitrix24 and amoCRM from JSON templates.")
        {
            ValidateCommand.Create(output),
            SandboxCommand.Create(output),
            SettingsCommand.Create(output),
            OneCCommand.Create(output),
            ImportCommand.Create(output),
        };
        foreach (var command in ProvisioningCommands.Create(output))
        {
            root.Add(command);
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
