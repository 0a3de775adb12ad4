namespace Crm.Connector.OneC.Tests;

public sealed class VatTests
{
    [Theory]
    [InlineData(12000, "НДС20", 2000)]
    [InlineData(1000, "НДС20", 166.67)]
    [InlineData(12200, "НДС22", 2200)]
    [InlineData(1000, "НДС22", 180.33)]
    [InlineData(1100, "НДС10", 100)]
    [InlineData(999.99, "НДС10", 90.91)]
    [InlineData(5000, "БезНДС", 0)]
    public void VatIncluded_Rate_ComputedFromAmountIncludingVat(decimal amount, string rate, decimal expected)
    {
        Assert.Equal(expected, OneCAccounting.VatIncluded(amount, rate));
    }

    [Fact]
    public void VatIncluded_UnknownRate_Throws()
    {
        Assert.Throws<ArgumentException>(() => OneCAccounting.VatIncluded(100, "VAT20"));
    }
}
