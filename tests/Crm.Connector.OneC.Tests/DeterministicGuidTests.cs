namespace Crm.Connector.OneC.Tests;

public sealed class DeterministicGuidTests
{
    private static readonly Guid Dns = Guid.Parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

    [Fact]
    public void V5_DnsNamespaceWwwExampleCom_MatchesKnownVector()
    {
        Assert.Equal(Guid.Parse("2ed6657d-e927-568b-95e1-2665a8aea6a2"), DeterministicGuid.V5(Dns, "www.example.com"));
    }

    [Fact]
    public void V5_SameInputs_SameGuid_DifferentNames_Differ()
    {
        Assert.Equal(DeterministicGuid.V5(Dns, "b24:p:deal:1:invoice:1"), DeterministicGuid.V5(Dns, "b24:p:deal:1:invoice:1"));
        Assert.NotEqual(DeterministicGuid.V5(Dns, "b24:p:deal:1:invoice:1"), DeterministicGuid.V5(Dns, "b24:p:deal:1:invoice:2"));
    }
}
