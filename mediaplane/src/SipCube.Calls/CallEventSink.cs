using System.Threading.Channels;

namespace SipCube.Calls;

/// <summary>Where legs, the media bridge and timers post events for one call. Thread-safe; posts after the call
/// ended are dropped.</summary>
public sealed class CallEventSink
{
    private readonly ChannelWriter<CallEvent> writer;

    internal CallEventSink(ChannelWriter<CallEvent> writer) => this.writer = writer;

    /// <summary>Queues <paramref name="callEvent"/>; false when the call has already ended.</summary>
    public bool Post(CallEvent callEvent)
    {
        ArgumentNullException.ThrowIfNull(callEvent);
        return writer.TryWrite(callEvent);
    }
}
