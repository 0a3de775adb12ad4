namespace Crm.Connector.Functions.Bitrix24.Inbound;

/// <summary>Which of the installation messages arrived at the install URL (bitrix24-rest.md §1).</summary>
public enum InstallMessageKind
{
    /// <summary>The installation callback form: <c>AUTH_ID</c>, <c>REFRESH_ID</c>, <c>member_id</c>… (§1.2).</summary>
    Callback,

    /// <summary><c>event=ONAPPINSTALL</c> with the <c>auth[…]</c> block (§1.3).</summary>
    Install,

    /// <summary><c>event=ONAPPUPDATE</c>: a new version and a new application token (§1.4).</summary>
    Update,

    /// <summary><c>event=ONAPPUNINSTALL</c>: no tokens, <c>data[CLEAN]</c> (§1.5).</summary>
    Uninstall,
}
