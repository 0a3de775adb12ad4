using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// The app's functions read from the same attributes the Worker Sdk reads to write <c>functions.metadata</c>: every
/// public method with <see cref="FunctionAttribute"/>, its trigger parameter's attribute, and its queue outputs (on the
/// method for its return value, or on properties of the returned type). The local host serves exactly these.
/// </summary>
internal sealed class FunctionIndex
{
    private FunctionIndex(IReadOnlyList<LocalFunction> functions) => All = functions;

    public IReadOnlyList<LocalFunction> All { get; }

    /// <summary>The functions of <paramref name="assembly"/>; throws when one is declared in a way the local host cannot serve.</summary>
    public static FunctionIndex Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var functions = new List<LocalFunction>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    functions.Add(new LocalFunction(function.Name, type, method, TriggerOf(method), OutputQueuesOf(method)));
                }
            }
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? new FunctionIndex([.. functions.OrderBy(f => f.Name, StringComparer.Ordinal)])
            : throw new InvalidOperationException($"Two functions are named '{duplicate.Key}'.");
    }

    /// <summary>The type a method's result is, once awaited.</summary>
    public static Type ResultType(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var type = method.ReturnType;
        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>))
            ? type.GetGenericArguments()[0]
            : type;
    }

    private static FunctionTrigger TriggerOf(MethodInfo method)
    {
        foreach (var parameter in method.GetParameters())
        {
            switch (parameter.GetCustomAttributes().FirstOrDefault(a => a is HttpTriggerAttribute or QueueTriggerAttribute or TimerTriggerAttribute))
            {
                case HttpTriggerAttribute http:
                    return new HttpRouteTrigger(http.Route ?? method.GetCustomAttribute<FunctionAttribute>()!.Name, [.. (http.Methods ?? ["GET", "POST"]).Select(m => m.ToUpperInvariant())]);
                case QueueTriggerAttribute queue:
                    return new QueueMessageTrigger(queue.QueueName);
                case TimerTriggerAttribute timer:
                    return new TimerScheduleTrigger(timer.Schedule, timer.RunOnStartup);
            }
        }

        throw new InvalidOperationException($"{method.DeclaringType?.Name}.{method.Name} has no HTTP, queue or timer trigger the local host can serve.");
    }

    private static List<string> OutputQueuesOf(MethodInfo method)
    {
        var queues = new List<string>();
        if (method.GetCustomAttribute<QueueOutputAttribute>() is { } onMethod)
        {
            queues.Add(onMethod.QueueName);
        }

        foreach (var property in ResultType(method).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<QueueOutputAttribute>() is { } onProperty)
            {
                queues.Add(onProperty.QueueName);
            }
        }

        return queues;
    }
}
