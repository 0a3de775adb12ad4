using System.Reflection;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>One <c>[Function]</c> method: its name, where it lives, its trigger and the queues its outputs go to.</summary>
internal sealed record LocalFunction(string Name, Type Class, MethodInfo Method, FunctionTrigger Trigger, IReadOnlyList<string> OutputQueues)
{
    /// <summary>The entry point as <c>functions.metadata</c> names it: <c>Namespace.Class.Method</c>.</summary>
    public string EntryPoint => $"{Class.FullName}.{Method.Name}";
}
