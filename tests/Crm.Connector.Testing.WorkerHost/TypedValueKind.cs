using System.Diagnostics.CodeAnalysis;

namespace Crm.Connector.Testing.WorkerHost;

/// <summary>The kind of value the worker returned for a binding (the protocol's <c>TypedData</c> cases).</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Members mirror the protocol's TypedData case names.")]
public enum TypedValueKind
{
    None,
    String,
    Json,
    Bytes,
    Stream,
    Http,
    Int,
    Double,
    CollectionBytes,
    CollectionString,
    CollectionDouble,
    CollectionSInt64,
    ModelBindingData,
}
