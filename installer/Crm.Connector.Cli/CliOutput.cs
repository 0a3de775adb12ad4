using Spectre.Console;

namespace Crm.Connector.Cli;

/// <summary>
/// Where commands write: plain text for scripts and pipes, colour when the writer is a terminal (NO_COLOR respected);
/// and where they read a secret piped to them (<c>--password-stdin</c>).
/// </summary>
public sealed class CliOutput
{
    public CliOutput(TextWriter stdout, TextWriter stderr, TextReader? stdin = null)
    {
        In = stdin ?? System.Console.In;
        Out = stdout;
        Error = stderr;
        Console = Create(stdout);
        ErrorConsole = Create(stderr);
    }

    /// <summary>Standard input (a password piped in).</summary>
    public TextReader In { get; }

    /// <summary>Raw standard output (JSON goes here, untouched).</summary>
    public TextWriter Out { get; }

    /// <summary>Raw standard error.</summary>
    public TextWriter Error { get; }

    /// <summary>Rich output to standard output.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Rich output to standard error.</summary>
    public IAnsiConsole ErrorConsole { get; }

    private static IAnsiConsole Create(TextWriter writer)
    {
        var terminal = ReferenceEquals(writer, System.Console.Out) && !System.Console.IsOutputRedirected ||
                       ReferenceEquals(writer, System.Console.Error) && !System.Console.IsErrorRedirected;
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal && !noColor ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal && !noColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Pipes and logs get one finding per line, never wrapped at an imaginary 80 columns.
            console.Profile.Width = 100_000;
        }

        return console;
    }
}
