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

    /// <summary>
    /// Throws unless all succeeded: the exception the first failed command's error maps to (so an
    /// <c>insufficient_scope</c> inside a batch is an access-denied error like outside one), naming the others too.
    /// </summary>
    public BatchResult EnsureSuccess()
    {
        if (AllSucceeded)
        {
            return this;
        }

        var first = Commands.FirstOrDefault(c => c.Status == BatchCommandStatus.Failed) ?? Commands.First(c => !c.Succeeded);
        var others = Commands.Where(c => !c.Succeeded && !ReferenceEquals(c, first)).ToList();
        var description = (first.ErrorDescription ?? string.Empty)
            + (others.Count == 0 ? string.Empty : $" (also not done: {string.Join("; ", others.Take(5))}{(others.Count > 5 ? $"; {others.Count - 5} more" : string.Empty)})");
        throw Bitrix24ErrorMapper.Map(first.Method, first.ErrorCode, description, status: null, idempotent: false);
    }
}
