namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>How a property is stored and compared (§1.3 property conventions).</summary>
internal enum FieldType
{
    /// <summary>Edm.String.</summary>
    Text,

    /// <summary>Edm.Guid: <c>Ref_Key</c> and every <c>X_Key</c>; empty reference = all zeros.</summary>
    Reference,

    /// <summary>Edm.DateTime without a zone, <c>"2024-01-20T12:00:00"</c>; empty date = <c>0001-01-01T00:00:00</c>.</summary>
    Date,

    /// <summary>Edm.Double (amounts, quantities).</summary>
    Number,

    /// <summary>Edm.Boolean.</summary>
    Flag,

    /// <summary>
    /// A composite-type attribute <c>X</c> with its companion <c>X_Type</c> (§1.3): the value is a GUID string, the type
    /// e.g. <c>"StandardODATA.Catalog_Контрагенты"</c>. Filtered only through <c>cast(guid'…', 'Catalog_X')</c>.
    /// </summary>
    Composite,
}
