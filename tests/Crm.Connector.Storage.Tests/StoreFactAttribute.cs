using Xunit.Abstractions;
using Xunit.Sdk;

namespace Crm.Connector.Storage.Tests;

/// <summary>
/// A fact of the store contract. It runs on every engine class that inherits it; on a class marked
/// <see cref="RequiresPostgresAttribute"/> it is skipped, saying why, when the PostgreSQL binaries are absent.
/// </summary>
[XunitTestCaseDiscoverer("Crm.Connector.Storage.Tests.StoreFactDiscoverer", "Crm.Connector.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>The engine class needs a PostgreSQL server (<see cref="Testing.PostgresServer"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

public sealed class StoreFactDiscoverer(IMessageSink diagnostics) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        ArgumentNullException.ThrowIfNull(discoveryOptions);
        yield return new StoreTestCase(diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("For the deserializer only.")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(IMessageSink diagnostics, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod testMethod)
        : base(diagnostics, display, options, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) =>
        TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any() && Testing.PostgresServer.Unavailable is { } reason
            ? reason
            : base.GetSkipReason(factAttribute);
}
