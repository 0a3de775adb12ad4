using Crm.Connector.Bitrix24.Errors;

namespace Crm.Connector.Bitrix24.Batch;

/// <summary>The outcome of every command of a batch, in the order given, and the HTTP requests it took.</summary>
public sealed class BatchResult(IReadOnlyList<BatchCommandResult> commands, int requests)
{
    private readonly Dictionary<string, BatchCommandResult> _byKey = commands.ToDictionary(c => c.Key, StringComparer.Ordinal);

    public IReadOnlyList<BatchCommandResult> Commands { get; } = commands;

    /// <summary>HTTP requests used (a batch of up to 50 commands is one).</summary>
    public int Requests { get; } = requests;

    public bool AllSucceeded => Commands.All(c => c.Succeeded);

    public IEnumerable<BatchCommandResult> Failed => Commands.Where(c => c.Status == BatchCommandStatus.Failed);

    public BatchCommandResult this[string key] => _byKey[key];

    public bool TryGet(string key, out BatchCommandResult? result) => _byKey.TryGetValue(key, out result);

    /// <summary>Throws, naming every failed and skipped command, unless all succeeded.</summary>
    public BatchResult EnsureSuccess()
    {
        if (!AllSucceeded)
        {
            var first = Commands.First(c => !c.Succeeded);
            throw new Bitrix24Exception(
                first.Method,
                first.ErrorCode ?? string.Empty,
                string.Join("; ", Commands.Where(c => !c.Succeeded)),
                null);
        }

        return this;
    }
}
