using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Connector.Testing.WorkerHost.Protocol;
using Google.Protobuf;

namespace Crm.Connector.Testing.WorkerHost.Internal;

/// <summary>Trigger payloads shaped as the Functions host sends them, and the worker's answers read back as text.</summary>
internal static class TypedValues
{
    public static TypedData Text(string value) => new() { String = value };

    /// <summary>A value the host serializes with its default JSON rule (numbers, dates, dictionaries).</summary>
    public static TypedData Json<T>(T value) => new() { Json = JsonSerializer.Serialize(value) };

    /// <summary>
    /// A queue message as the host passes it for the binding's declared data type: text for <c>String</c>, bytes for
    /// <c>Binary</c>; otherwise JSON when the message is a JSON object or array, else text.
    /// </summary>
    public static TypedData QueueMessage(WorkerFunctionBinding trigger, QueueMessageFacts message)
    {
        if (trigger.SupportsDeferredBinding)
        {
            // The worker builds a QueueMessage from this description (Worker.Extensions.Storage.Queues' converter).
            var content = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["MessageId"] = message.Id,
                ["PopReceipt"] = message.PopReceipt,
                ["MessageText"] = message.Text,
                ["DequeueCount"] = message.DequeueCount,
                ["InsertedOn"] = message.InsertedOn.UtcDateTime,
                ["ExpiresOn"] = message.ExpiresOn.UtcDateTime,
                ["NextVisibleOn"] = message.NextVisibleOn.UtcDateTime,
            });
            return new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFrom(content),
                },
            };
        }

        if (string.Equals(trigger.DataType, "Binary", StringComparison.OrdinalIgnoreCase))
        {
            return new TypedData { Bytes = ByteString.CopyFromUtf8(message.Text) };
        }

        if (string.Equals(trigger.DataType, "String", StringComparison.OrdinalIgnoreCase) || !IsJsonContainer(message.Text))
        {
            return Text(message.Text);
        }

        return new TypedData { Json = message.Text };
    }

    /// <summary>The queue trigger's binding data (DequeueCount, Id, PopReceipt and the times), as the host sends it.</summary>
    public static IEnumerable<KeyValuePair<string, TypedData>> QueueMetadata(QueueMessageFacts message) =>
    [
        new("QueueTrigger", Text(message.Text)),
        new("DequeueCount", Json(message.DequeueCount)),
        new("Id", Text(message.Id)),
        new("PopReceipt", Text(message.PopReceipt)),
        new("InsertionTime", Json(message.InsertedOn)),
        new("ExpirationTime", Json(message.ExpiresOn)),
        new("NextVisibleTime", Json(message.NextVisibleOn)),
    ];

    /// <summary>The timer trigger's input: a serialized TimerInfo (no schedule status, as on a first run).</summary>
    public static TypedData TimerInfo(bool isPastDue) =>
        new() { Json = "{\"Schedule\":{\"AdjustForDST\":true},\"ScheduleStatus\":null,\"IsPastDue\":" + (isPastDue ? "true" : "false") + "}" };

    public static InvocationOutput ToOutput(string name, TypedData? data)
    {
        if (data is null)
        {
            return new InvocationOutput(name, TypedValueKind.None, []);
        }

        return data.DataCase switch
        {
            TypedData.DataOneofCase.String => new(name, TypedValueKind.String, [data.String]),
            TypedData.DataOneofCase.Json => new(name, TypedValueKind.Json, [data.Json]),
            TypedData.DataOneofCase.Bytes => new(name, TypedValueKind.Bytes, [data.Bytes.ToStringUtf8()]),
            TypedData.DataOneofCase.Stream => new(name, TypedValueKind.Stream, [data.Stream.ToStringUtf8()]),
            TypedData.DataOneofCase.Http => new(name, TypedValueKind.Http, [data.Http.StatusCode]),
            TypedData.DataOneofCase.Int => new(name, TypedValueKind.Int, [data.Int.ToString(CultureInfo.InvariantCulture)]),
            TypedData.DataOneofCase.Double => new(name, TypedValueKind.Double, [data.Double.ToString(CultureInfo.InvariantCulture)]),
            TypedData.DataOneofCase.CollectionBytes => new(name, TypedValueKind.CollectionBytes, data.CollectionBytes.Bytes.Select(b => b.ToStringUtf8()).ToArray()),
            TypedData.DataOneofCase.CollectionString => new(name, TypedValueKind.CollectionString, data.CollectionString.String.ToArray()),
            TypedData.DataOneofCase.CollectionDouble => new(name, TypedValueKind.CollectionDouble, data.CollectionDouble.Double.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray()),
            TypedData.DataOneofCase.CollectionSint64 => new(name, TypedValueKind.CollectionSInt64, data.CollectionSint64.Sint64.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray()),
            TypedData.DataOneofCase.ModelBindingData => new(name, TypedValueKind.ModelBindingData, [data.ModelBindingData.Content.ToStringUtf8()]),
            _ => new(name, TypedValueKind.None, []),
        };
    }

    public static string Describe(RpcException? exception)
    {
        if (exception is null)
        {
            return "(no exception details)";
        }

        var text = new StringBuilder();
        if (exception.Type.Length > 0)
        {
            text.Append(exception.Type).Append(": ");
        }

        text.Append(exception.Message);
        if (exception.StackTrace.Length > 0)
        {
            text.Append('\n').Append(exception.StackTrace);
        }

        return text.ToString();
    }

    private static bool IsJsonContainer(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || (trimmed[0] != '{' && trimmed[0] != '['))
        {
            return false;
        }

        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

/// <summary>The facts of one simulated queue message.</summary>
internal sealed record QueueMessageFacts(string Id, string PopReceipt, string Text, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);
