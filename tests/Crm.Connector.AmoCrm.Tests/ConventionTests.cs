using System.Reflection;
using Crm.Connector.AmoCrm.Services;

namespace Crm.Connector.AmoCrm.Tests;

/// <summary>The house rules, checked on every public method of the services (octokit-style convention tests).</summary>
public sealed class ConventionTests
{
    public static TheoryData<string> AsyncMethods()
    {
        var data = new TheoryData<string>();
        foreach (var method in ServiceMethods().Where(m => IsAsync(m.ReturnType)))
        {
            data.Add($"{method.DeclaringType!.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => p.ParameterType.Name))})");
        }

        return data;
    }

    [Fact]
    public void Services_EveryResource_HasOneOnTheClient()
    {
        var services = typeof(AmoService).Assembly.GetTypes().Where(t => t.IsPublic && t.IsSubclassOf(typeof(AmoService))).ToHashSet();
        var exposed = typeof(AmoCrmClient).GetProperties().Select(p => p.PropertyType).ToHashSet();

        Assert.Equal(16, services.Count);
        Assert.Subset(exposed, services);
    }

    [Theory]
    [MemberData(nameof(AsyncMethods))]
    public void AsyncMethod_Public_EndsInAsyncAndTakesCancellationTokenLast(string signature)
    {
        var method = ServiceMethods().Single(m => $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})" == signature);
        var parameters = method.GetParameters();

        Assert.EndsWith("Async", method.Name, StringComparison.Ordinal);
        var token = Assert.Single(parameters, p => p.ParameterType == typeof(CancellationToken));
        Assert.True(token.HasDefaultValue, $"{signature}: the token is optional");

        // The agreed AccountService.GetAsync(ct, params string[] with): C# wants params last. Its twin keeps the rule.
        var last = parameters[^1].GetCustomAttribute<ParamArrayAttribute>() is not null ? parameters[^2] : parameters[^1];
        Assert.Same(token, last);
    }

    [Fact]
    public void SyncMethod_Public_NoneDoesIO()
    {
        var sync = ServiceMethods().Where(m => !IsAsync(m.ReturnType)).Select(m => m.Name).ToList();

        Assert.Empty(sync);
    }

    private static IEnumerable<MethodInfo> ServiceMethods() => typeof(AmoService).Assembly.GetTypes()
        .Where(t => t.IsPublic && t.IsSubclassOf(typeof(AmoService)))
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly));

    private static bool IsAsync(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && type.GetGenericTypeDefinition() is var d && (d == typeof(Task<>) || d == typeof(ValueTask<>) || d == typeof(IAsyncEnumerable<>)));
}
