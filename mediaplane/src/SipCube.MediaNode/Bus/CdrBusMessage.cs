using System.Diagnostics;
using System.Text.Json;
using SipCube.Contracts;
using SipCube.Contracts.Bus;
using SipCube.Contracts.Cdrs;

namespace SipCube.MediaNode.Bus;

/// <summary>Turns a finished call's CDR into the bus message the outbox stores (MessageId = call id).</summary>
internal static class CdrBusMessage
{
    public static BusMessage Create(CallDetailRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var body = JsonSerializer.SerializeToUtf8Bytes(record, ContractsJsonContext.Default.CallDetailRecord);
        return new BusMessage(record.CallId, BusEntityNames.CdrSubject, body) { TraceParent = Activity.Current?.Id };
    }
}
