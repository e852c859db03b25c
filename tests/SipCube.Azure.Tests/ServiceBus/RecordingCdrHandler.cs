using System.Collections.Concurrent;
using System.Text.Json;
using SipCube.Contracts.Bus;

namespace SipCube.Azure.Tests.ServiceBus;

/// <summary>An idempotent CDR store double: JSON with a <c>callId</c> is stored once per id, anything else is malformed.</summary>
internal sealed class RecordingCdrHandler : ICdrHandler
{
    public ConcurrentDictionary<string, string> Stored { get; } = new();

    public bool Broken { get; set; }

    public Task<CdrHandlingResult> HandleAsync(BusMessage cdr, CancellationToken cancellationToken)
    {
        if (Broken)
        {
            throw new InvalidOperationException("storage down");
        }

        string? callId;
        try
        {
            using var doc = JsonDocument.Parse(cdr.Body);
            callId = doc.RootElement.TryGetProperty("callId", out var id) ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return Task.FromResult(CdrHandlingResult.Malformed("body is not JSON"));
        }

        if (callId is null)
        {
            return Task.FromResult(CdrHandlingResult.Malformed("callId missing"));
        }

        return Task.FromResult(Stored.TryAdd(callId, cdr.MessageId) ? CdrHandlingResult.Stored : CdrHandlingResult.Duplicate);
    }
}
