using System.Collections;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Crm.Connector.Functions.LocalHost;

/// <summary>
/// Calls a function the way the worker does: an instance of its class made from the container for each invocation (its
/// constructor's services injected), the trigger payload and the cancellation token as arguments, the awaited result
/// split into the HTTP answer and queue messages by its output attributes. A function's exception is the invocation's
/// failure and is left to the caller (the queue retries, HTTP answers 500).
/// </summary>
internal sealed class LocalInvoker(IServiceProvider services, HostSettings settings)
{
    public async Task<LocalInvocation> InvokeAsync(LocalFunction function, object payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        await using var scope = services.CreateAsyncScope();
        var instance = function.Method.IsStatic ? null : ActivatorUtilities.CreateInstance(scope.ServiceProvider, function.Class);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.FunctionTimeout);
        var arguments = function.Method.GetParameters()
            .Select(p => p.ParameterType == typeof(CancellationToken) ? timeout.Token : payload)
            .ToArray();
        object? returned;
        try
        {
            returned = function.Method.Invoke(instance, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }

        var result = await AwaitAsync(returned);
        try
        {
            return Split(function, result);
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static async Task<object?> AwaitAsync(object? returned)
    {
        switch (returned)
        {
            case Task task:
                await task;
                return task.GetType().IsGenericType ? task.GetType().GetProperty("Result")!.GetValue(task) : null;
            default:
                return returned;
        }
    }

    private static LocalInvocation Split(LocalFunction function, object? result)
    {
        var messages = new List<(string, string)>();
        if (function.Method.GetCustomAttribute<QueueOutputAttribute>() is { } onMethod)
        {
            messages.AddRange(Texts(result).Select(t => (onMethod.QueueName, t)));
            return new LocalInvocation(null, messages);
        }

        if (result is IActionResult direct)
        {
            return new LocalInvocation(direct, messages);
        }

        IActionResult? http = null;
        foreach (var property in result?.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance) ?? [])
        {
            if (property.GetCustomAttribute<QueueOutputAttribute>() is { } queue)
            {
                messages.AddRange(Texts(property.GetValue(result)).Select(t => (queue.QueueName, t)));
            }
            else if (property.GetCustomAttribute<HttpResultAttribute>() is not null)
            {
                http = property.GetValue(result) as IActionResult;
            }
        }

        return new LocalInvocation(http, messages);
    }

    /// <summary>A queue output's messages: a string is one message, a collection of strings one each; null none.</summary>
    private static IEnumerable<string> Texts(object? value) => value switch
    {
        null => [],
        string one => [one],
        IEnumerable many => many.Cast<object?>().OfType<string>(),
        _ => throw new InvalidOperationException($"A queue output of type {value.GetType().Name} is not supported; return strings."),
    };
}
