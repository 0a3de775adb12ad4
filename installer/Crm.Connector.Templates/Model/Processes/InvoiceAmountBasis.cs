using System.Runtime.Serialization;

namespace Crm.Connector.Templates.Model.Processes;

/// <summary>What an invoice is issued for.</summary>
public enum InvoiceAmountBasis
{
    /// <summary>What is left to pay (amount minus payments so far).</summary>
    [EnumMember(Value = "remaining")]
    Remaining,

    /// <summary>The whole amount of the deal.</summary>
    [EnumMember(Value = "amount")]
    Amount,
}
