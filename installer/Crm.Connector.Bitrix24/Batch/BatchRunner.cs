using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Batch;

/// <summary>
/// Runs any number of commands as <c>batch</c> requests of at most 50 (bitrix24-rest.md §10). Commands are put in
/// dependency order; references within a request are left to the portal, references to commands of an earlier request
/// are filled in here from their results. Every command's outcome is reported exactly, including those that did not run.
/// </summary>
internal sealed class BatchRunner
{
    /// <summary>The portal's limit of commands per batch.</summary>
    public const int MaxCommands = 50;

    private readonly Bitrix24Requestor _requestor;
    private readonly int _perRequest;

    public BatchRunner(Bitrix24Requestor requestor, int commandsPerBatch = MaxCommands)
    {
        CheckCommandsPerBatch(commandsPerBatch);
        _requestor = requestor;
        _perRequest = commandsPerBatch;
    }

    /// <summary>Refuses a <see cref="Bitrix24ClientOptions.CommandsPerBatch"/> the portal would not accept.</summary>
    public static void CheckCommandsPerBatch(int commandsPerBatch)
    {
        if (commandsPerBatch is < 1 or > MaxCommands)
        {
            throw new ArgumentOutOfRangeException(nameof(commandsPerBatch), commandsPerBatch, $"{nameof(Bitrix24ClientOptions.CommandsPerBatch)} must be between 1 and {MaxCommands}.");
        }
    }

    public async Task<BatchResult> RunAsync(IReadOnlyList<BatchCommand> commands, bool halt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var dependencies = Validate(commands);
        var order = DependencyOrder(commands, dependencies);
        var done = new Dictionary<string, BatchCommandResult>(StringComparer.Ordinal);
        var requests = 0;
        var halted = false;
        var next = 0;
        while (next < order.Count)
        {
            var chunk = new List<(BatchCommand Command, JObject? Parameters)>();
            var inChunk = new HashSet<string>(StringComparer.Ordinal);
            while (next < order.Count && chunk.Count < _perRequest)
            {
                var command = order[next++];
                if (halted)
                {
                    done[command.Key] = NotRun(command, "an earlier command failed and halt is on");
                    continue;
                }

                var failed = dependencies[command.Key].FirstOrDefault(d => !inChunk.Contains(d) && done.TryGetValue(d, out var r) && !r.Succeeded);
                if (failed is not null)
                {
                    done[command.Key] = NotRun(command, $"it refers to '{failed}', which did not succeed");
                    continue;
                }

                var parameters = BatchReferences.Resolve(command.Parameters, done, out var problem);
                if (problem is not null)
                {
                    done[command.Key] = NotRun(command, problem);
                    continue;
                }

                chunk.Add((command, parameters));
                inChunk.Add(command.Key);
            }

            if (chunk.Count == 0)
            {
                continue;
            }

            requests++;
            foreach (var result in await SendAsync(chunk, halt, cancellationToken))
            {
                done[result.Key] = result;
                halted |= halt && result.Status == BatchCommandStatus.Failed;
            }
        }

        return new BatchResult([.. commands.Select(c => done[c.Key])], requests);
    }

    private async Task<IEnumerable<BatchCommandResult>> SendAsync(List<(BatchCommand Command, JObject? Parameters)> chunk, bool halt, CancellationToken cancellationToken)
    {
        var cmd = new JObject();
        foreach (var (command, parameters) in chunk)
        {
            var query = PhpQuery.Encode(parameters);
            cmd[command.Key] = query.Length == 0 ? command.Method : $"{command.Method}?{query}";
        }

        var idempotent = chunk.TrueForAll(c => MethodSafety.IsIdempotent(c.Command.Method));
        var response = await _requestor.CallAsync("batch", new JObject { ["halt"] = halt ? 1 : 0, ["cmd"] = cmd }, idempotent, cancellationToken);
        var body = Bitrix24Json.AsObject(response.Result);
        var results = Bitrix24Json.AsObject(body["result"]);
        var errors = Bitrix24Json.AsObject(body["result_error"]);
        var totals = Bitrix24Json.AsObject(body["result_total"]);
        var nexts = Bitrix24Json.AsObject(body["result_next"]);
        return chunk.Select(c =>
        {
            var key = c.Command.Key;
            if (errors[key] is { } error)
            {
                return new BatchCommandResult(key, c.Command.Method, BatchCommandStatus.Failed, ErrorCode: error.Value<string>("error") ?? string.Empty, ErrorDescription: error.Value<string>("error_description"));
            }

            return results.TryGetValue(key, out var value)
                ? new BatchCommandResult(key, c.Command.Method, BatchCommandStatus.Succeeded, value, Total: totals.Value<int?>(key), Next: nexts.Value<int?>(key))
                : NotRun(c.Command, "the portal stopped before it (halt after an error)");
        });
    }

    private static Dictionary<string, HashSet<string>> Validate(IReadOnlyList<BatchCommand> commands)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(command.Key, nameof(commands));
            if (!keys.Add(command.Key))
            {
                throw new ArgumentException($"Batch command key '{command.Key}' is used twice.", nameof(commands));
            }

            if (string.Equals(command.Method, "batch", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("A batch cannot contain a batch.", nameof(commands));
            }
        }

        var dependencies = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            var refs = BatchReferences.KeysIn(command.Parameters).ToHashSet(StringComparer.Ordinal);
            var unknown = refs.FirstOrDefault(r => !keys.Contains(r) || r == command.Key);
            if (unknown is not null)
            {
                throw new ArgumentException($"Batch command '{command.Key}' refers to '$result[{unknown}]', which is {(unknown == command.Key ? "itself" : "not a command of this batch")}.", nameof(commands));
            }

            dependencies[command.Key] = refs;
        }

        return dependencies;
    }

    /// <summary>Commands after the ones they refer to, otherwise in the order given (Kahn's algorithm, stable).</summary>
    private static List<BatchCommand> DependencyOrder(IReadOnlyList<BatchCommand> commands, Dictionary<string, HashSet<string>> dependencies)
    {
        var remaining = commands.Select((c, i) => (Command: c, Index: i)).ToList();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<BatchCommand>(commands.Count);
        while (remaining.Count > 0)
        {
            var ready = remaining.FindIndex(c => dependencies[c.Command.Key].IsSubsetOf(placed));
            if (ready < 0)
            {
                throw new ArgumentException($"Batch commands refer to each other in a cycle: {string.Join(", ", remaining.Select(c => c.Command.Key))}.", nameof(commands));
            }

            order.Add(remaining[ready].Command);
            placed.Add(remaining[ready].Command.Key);
            remaining.RemoveAt(ready);
        }

        return order;
    }

    private static BatchCommandResult NotRun(BatchCommand command, string why) =>
        new(command.Key, command.Method, BatchCommandStatus.NotRun, ErrorDescription: why);
}
