namespace Crm.Connector.Sandbox.OneC.Core;

/// <summary>
/// A refused request, answered as <c>{"odata.error":{"code":…,"message":{"lang":"ru","value":…}}}</c> (§1.7) with
/// <see cref="Status"/>. Codes are 1C's internal ones (17.4.10), or "-1" for a business error from 1C code (HTTP 500).
/// </summary>
internal sealed class ODataException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    /// <summary>Code 14: a query option could not be parsed (bad $filter/$select/$orderby, unknown property) — 400.</summary>
    public static ODataException Query(string message) => new(400, "14", message);

    /// <summary>Code 9: no entity with that key — 404.</summary>
    public static ODataException NotFound(string set, Guid key) =>
        new(404, "9", $"Не найден экземпляр сущности {set} с ключом {key}");

    /// <summary>A business error from 1C code (§1.5): always HTTP 500 with code "-1".</summary>
    public static ODataException Business(string message) => new(500, "-1", message);
}
