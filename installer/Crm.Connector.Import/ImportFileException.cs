namespace Crm.Connector.Import;

/// <summary>
/// The file cannot be imported at all. <see cref="Exception.Message"/> is for the user (Russian): what is wrong, which
/// column, and what to do.
/// </summary>
public sealed class ImportFileException : Exception
{
    public ImportFileException()
    {
    }

    public ImportFileException(string message)
        : base(message)
    {
    }

    public ImportFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ImportFileException(ImportFileError error, string message, string? column = null, int? columnNumber = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Column = column;
        ColumnNumber = columnNumber;
    }

    public ImportFileError Error { get; }

    /// <summary>The expected header of the column at fault, if one is.</summary>
    public string? Column { get; }

    /// <summary>Its position, from 1.</summary>
    public int? ColumnNumber { get; }
}
