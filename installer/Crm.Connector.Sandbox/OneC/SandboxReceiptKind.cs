namespace Crm.Connector.Sandbox.OneC;

/// <summary>Which receipt document <see cref="SandboxOneC.AddReceipt"/> enters (§2.4, §2.5).</summary>
public enum SandboxReceiptKind
{
    /// <summary>A bank receipt, <c>Document_ПоступлениеНаРасчетныйСчет</c>.</summary>
    Bank,

    /// <summary>A cash receipt, <c>Document_ПриходныйКассовыйОрдер</c>.</summary>
    Cash,
}
