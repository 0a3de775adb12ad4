namespace Crm.Connector.Storage.FileImports;

/// <summary>The counts an import finished with (the store's copy), and its report.</summary>
public sealed record ImportTotals(int Total, int Created, int Merged, int Skipped, int Invalid, int Failed, int Requests, byte[] Report);
