using System.Buffers.Binary;
using SipCube.Media.Dtmf;
using SipCube.Media.Relay;

namespace SipCube.Calls.Media;

/// <summary>
/// DTMF: RFC 4733 events are relayed (passthrough) or regenerated (transcoded) on the packet paths and counted here;
/// digits the phone signals out of band (SIP INFO) become RFC 4733 events toward the app, written on the phone's
/// receive thread right after each audio packet it relays, so they share the app stream's SSRC, sequence numbers and
/// audio clock without a lock.
/// </summary>
/// <remarks>RFC 4733 §2.5 (sender rules), RFC 4733 §7.1.1 (the event clock is the audio codec's).</remarks>
internal sealed partial class MediaBridge
{
    private readonly byte[] eventBuffer = GC.AllocateArray<byte>(64, pinned: true);
    private TelephoneEventGenerator? passthroughAppEvents;
    private BridgeCodec? appEventFormat;
    private long seenSipDigits;
    private long seenAppDigits;

    /// <inheritdoc />
    public void SendDtmfToApp(char digit, TimeSpan duration)
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            return;
        }

        var generator = transcoding?.AppEvents ?? (relay is not null ? passthroughAppEvents : null);
        if (generator is null || !generator.Request(digit, duration))
        {
            MediaBridgeLog.DtmfIgnored(logger, callId, digit);
            return;
        }

        metrics?.Dtmf("phone_to_app", "info");
    }

    /// <summary>The app's negotiated telephone-event (even when the phone has none: SIP INFO digits still go out).</summary>
    private void PrepareAppEvents(BridgeCodec? appEvents)
    {
        appEventFormat = appEvents;
        passthroughAppEvents = appEvents is null ? null : new TelephoneEventGenerator(appEvents.ClockRate, time.TimestampFrequency);
    }

    /// <summary>After an audio packet went to the app in passthrough mode: insert pending out-of-band events.</summary>
    private void InjectTowardApp(RtpRelay current, uint audioTimestamp, long now)
    {
        if (passthroughAppEvents is not { } generator || appEventFormat is not { } format)
        {
            return;
        }

        while (generator.TryNext(now, audioTimestamp, out var e))
        {
            var sequence = current.SipToApp.ReserveSequence();
            eventBuffer[0] = 0x80;
            eventBuffer[1] = (byte)((e.Marker ? 0x80 : 0) | format.PayloadType);
            BinaryPrimitives.WriteUInt16BigEndian(eventBuffer.AsSpan(2), sequence);
            BinaryPrimitives.WriteUInt32BigEndian(eventBuffer.AsSpan(4), e.Timestamp);
            BinaryPrimitives.WriteUInt32BigEndian(eventBuffer.AsSpan(8), current.SipToApp.OutSsrc);
            TelephoneEventPayload.Write(eventBuffer.AsSpan(12), e.Event, e.End, TelephoneEventPayload.DefaultVolume, e.Duration);
            peerConnection!.SendRtp(eventBuffer, 12 + TelephoneEventPayload.Length);
        }
    }

    /// <summary>Counts RFC 4733 digits the phone completed (a cheap read per packet on the phone's thread; the
    /// metric is touched only when a digit completed).</summary>
    private void CountPhoneDigits(long digits)
    {
        if (digits != seenSipDigits)
        {
            seenSipDigits = digits;
            metrics?.Dtmf("phone_to_app", "rfc4733");
        }
    }

    /// <summary>Counts RFC 4733 digits the app completed (on the peer connection's thread).</summary>
    private void CountAppDigits(long digits)
    {
        if (digits != seenAppDigits)
        {
            seenAppDigits = digits;
            metrics?.Dtmf("app_to_phone", "rfc4733");
        }
    }
}
