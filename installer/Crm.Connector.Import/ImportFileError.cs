namespace Crm.Connector.Import;

/// <summary>Why a whole file was refused.</summary>
public enum ImportFileError
{
    NotASpreadsheet,
    OldExcelFormat,
    Encrypted,
    Corrupt,
    TooBig,
    TooManyRows,
    ZipBomb,
    Header,
    Empty,
}
