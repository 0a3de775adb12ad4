namespace Crm.Connector.Testing.WorkerHost;

/// <summary>A function the worker listed in its metadata response.</summary>
/// <param name="Name">Function name (the <c>[Function]</c> attribute).</param>
/// <param name="FunctionId">The id the worker gave the function; loads and invocations refer to it.</param>
/// <param name="EntryPoint">Full name of the method, e.g. <c>Namespace.Class.Method</c>.</param>
/// <param name="ScriptFile">The assembly, relative to the app directory.</param>
/// <param name="Bindings">Trigger, inputs and outputs.</param>
public sealed record WorkerFunction(string Name, string FunctionId, string EntryPoint, string ScriptFile, IReadOnlyList<WorkerFunctionBinding> Bindings)
{
    /// <summary>The trigger binding.</summary>
    public WorkerFunctionBinding Trigger =>
        Bindings.FirstOrDefault(b => b.IsTrigger) ?? throw new InvalidOperationException($"Function '{Name}' declares no trigger.");

    /// <summary>The output bindings (including <c>$return</c>).</summary>
    public IEnumerable<WorkerFunctionBinding> Outputs => Bindings.Where(b => b.Direction != BindingDirection.In);
}
