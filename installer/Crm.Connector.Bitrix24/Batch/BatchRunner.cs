using Crm.Connector.Bitrix24.Transport;
using Newtonsoft.Json.Linq;

namespace Crm.Connector.Bitrix24.Batch;

/// <summary>
/// Runs any number of commands as <c>batch</c> requests of at most 50 (bitrix24-rest.md §10). Commands are put in
/// dependency order and cut into requests in that order; references within a request are left to the portal,
/// references to commands of an earlier request are filled in here from their results — so a request waits for the
/// requests it refers to. When order matters no further (<see cref="BatchOrder.Independent"/>, or a batch that only
/// reads), that is all it waits for: requests that do not refer to each other go out together while the portal's
/// bucket has room — the next one starts as soon as the one before has been let through the request budget, so on an
/// idle portal 20 requests leave at once, and on a full bucket only one at a time queues for the drain (leaving room in
/// the queue for everyone else's calls). Otherwise, and with halt on (the first failure stops the rest), requests go
/// one after another. Every command's outcome is reported exactly, in the order given, including those that did not
/// run.
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

    public async Task<BatchResult> RunAsync(IReadOnlyList<BatchCommand> commands, bool halt, BatchOrder order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var dependencies = Validate(commands);
        var together = !halt && (order == BatchOrder.Independent || commands.All(c => MethodSafety.IsRead(c.Method)));
        var chunks = DependencyOrder(commands, dependencies).Chunk(_perRequest).ToList();
        var chunkOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < chunks.Count; i++)
        {
            foreach (var command in chunks[i])
            {
                chunkOf[command.Key] = i;
            }
        }

        // The requests each request waits for: those holding a command it refers to. In dependency order they come before it.
        var prerequisites = chunks.Select((chunk, i) => chunk.SelectMany(c => dependencies[c.Key]).Select(d => chunkOf[d]).Where(j => j != i).ToHashSet()).ToList();
        var done = new Dictionary<string, BatchCommandResult>(StringComparer.Ordinal);
        var finished = new bool[chunks.Count];
        var started = new bool[chunks.Count];
        var running = new Dictionary<Task<IReadOnlyList<BatchCommandResult>>, int>();
        Task leaving = Task.CompletedTask;
        Exception? failure = null;
        var requests = 0;
        var halted = false;
        while (true)
        {
            // Start the next request that may go, once the one started before it has left (or ended).
            var next = failure is null && leaving.IsCompleted && (together || running.Count == 0)
                ? Enumerable.Range(0, chunks.Count).FirstOrDefault(i => !started[i] && prerequisites[i].All(j => finished[j]), -1)
                : -1;
            if (next >= 0)
            {
                started[next] = true;
                var chunk = Prepare(chunks[next], dependencies, done, halted);
                if (chunk.Count == 0)
                {
                    finished[next] = true;
                    continue;
                }

                requests++;
                var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var request = SendAsync(chunk, halt, sent, cancellationToken);
                running[request] = next;
                leaving = Task.WhenAny(sent.Task, request);
                continue;
            }

            if (running.Count == 0)
            {
                break;
            }

            var completed = await Task.WhenAny(leaving.IsCompleted ? running.Keys : running.Keys.Append(leaving));
            if (completed is not Task<IReadOnlyList<BatchCommandResult>> call || !running.Remove(call, out var index))
            {
                continue;
            }

            try
            {
                foreach (var result in await call)
                {
                    done[result.Key] = result;
                    halted |= halt && result.Status == BatchCommandStatus.Failed;
                }

                finished[index] = true;
            }
            catch (Exception e)
            {
                // Nothing more is started; the requests already out are awaited, then the first failure is raised.
                failure ??= e;
            }
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        return new BatchResult([.. commands.Select(c => done[c.Key])], requests);
    }

    /// <summary>
    /// The commands of one request that can run, with references to earlier requests filled in; the others are recorded
    /// in <paramref name="done"/> as not run, saying why.
    /// </summary>
    private static List<(BatchCommand Command, JObject? Parameters)> Prepare(BatchCommand[] commands, Dictionary<string, HashSet<string>> dependencies, Dictionary<string, BatchCommandResult> done, bool halted)
    {
        var chunk = new List<(BatchCommand Command, JObject? Parameters)>(commands.Length);
        var inChunk = new HashSet<string>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
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

        return chunk;
    }

    private async Task<IReadOnlyList<BatchCommandResult>> SendAsync(List<(BatchCommand Command, JObject? Parameters)> chunk, bool halt, TaskCompletionSource sent, CancellationToken cancellationToken)
    {
        var cmd = new JObject();
        foreach (var (command, parameters) in chunk)
        {
            var query = PhpQuery.Encode(parameters);
            cmd[command.Key] = query.Length == 0 ? command.Method : $"{command.Method}?{query}";
        }

        var idempotent = chunk.TrueForAll(c => MethodSafety.IsIdempotent(c.Command.Method));
        var response = await _requestor.CallAsync("batch", new JObject { ["halt"] = halt ? 1 : 0, ["cmd"] = cmd }, idempotent, sent, cancellationToken);
        var body = Bitrix24Json.AsObject(response.Result);
        var results = Bitrix24Json.AsObject(body["result"]);
        var errors = Bitrix24Json.AsObject(body["result_error"]);
        var totals = Bitrix24Json.AsObject(body["result_total"]);
        var nexts = Bitrix24Json.AsObject(body["result_next"]);
        return [.. chunk.Select(c =>
        {
            var key = c.Command.Key;
            if (errors[key] is { } error)
            {
                return new BatchCommandResult(key, c.Command.Method, BatchCommandStatus.Failed, ErrorCode: error.Value<string>("error") ?? string.Empty, ErrorDescription: error.Value<string>("error_description"));
            }

            return results.TryGetValue(key, out var value)
                ? new BatchCommandResult(key, c.Command.Method, BatchCommandStatus.Succeeded, value, Total: totals.Value<int?>(key), Next: nexts.Value<int?>(key))
                : NotRun(c.Command, "the portal stopped before it (halt after an error)");
        })];
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
