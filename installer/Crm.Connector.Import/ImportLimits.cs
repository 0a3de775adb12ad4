namespace Crm.Connector.Import;

/// <summary>How much one upload may hold. Defaults: 20,000 rows, 10 MB, 200 MB unpacked inside an .xlsx.</summary>
public sealed record ImportLimits
{
    /// <summary>Data rows (the header not counted); a bigger file is refused with the advice to split it.</summary>
    public int MaxRows { get; init; } = 20_000;

    /// <summary>Size of the uploaded file.</summary>
    public long MaxBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>
    /// Unpacked size of any one part of an .xlsx (sheet, shared strings, styles): a 10 MB zip can unpack to gigabytes
    /// (a zip bomb), so the reader counts what it inflates and stops here.
    /// </summary>
    public long MaxUncompressedBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>Longest cell text kept (Excel's own limit is 32,767 characters).</summary>
    public int MaxCellChars { get; init; } = 32_767;
}
