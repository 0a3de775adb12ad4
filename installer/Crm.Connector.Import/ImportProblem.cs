namespace Crm.Connector.Import;

/// <summary>What is wrong with a row: its line in the file, the column's header (empty for the whole row), the message.</summary>
public sealed record ImportProblem(int Line, string Column, string Message, ImportSeverity Severity);
