using System.Buffers.Binary;

namespace SipCube.Testing.Audio;

/// <summary>
/// Writes a classic pcap of one PCMU RTP stream (a sine tone) with RFC 4733 DTMF events in the same stream, for SIPp's
/// <c>play_pcap_audio</c>: tone and digits leave from one media port, as a phone sends them, so a relay that latches
/// on the first source sees a single flow.
/// </summary>
/// <remarks>
/// RFC 4733 §2.3 (event payload), §2.5.1.3 (the first packet of an event carries the marker bit; all share the start
/// timestamp; the end packet is sent three times). RFC 3551 §4.5.14 (PCMU, 8 kHz, 20 ms = 160 samples).
/// </remarks>
public static class RtpPcap
{
    private const int PacketMs = 20;
    private const int SamplesPerPacket = 160;
    private const int DigitPackets = 8;
    private const int GapPackets = 5;
    private const uint Ssrc = 0x5C0BE001;

    /// <summary>
    /// Writes <paramref name="seconds"/> of a <paramref name="hz"/> tone; from <paramref name="dtmfStartSeconds"/> on,
    /// each of <paramref name="dtmfDigits"/> (0-9, *, #, A-D) replaces 160 ms of audio, 100 ms of tone between digits.
    /// </summary>
    public static void WritePcmuWithDtmf(string path, double hz, double seconds, string dtmfDigits = "",
        double dtmfStartSeconds = 1.0, byte eventPayloadType = 101, double amplitude = 0.5)
    {
        ArgumentNullException.ThrowIfNull(dtmfDigits);
        var audio = ToneWav.Sine(hz, seconds, 8000, amplitude);
        var packets = audio.Length / SamplesPerPacket;
        var events = Schedule(dtmfDigits, (int)(dtmfStartSeconds * 1000 / PacketMs));
        using var file = File.Create(path);
        WriteGlobalHeader(file);
        var frame = new byte[14 + 20 + 8 + 12 + SamplesPerPacket];
        for (var i = 0; i < packets; i++)
        {
            var rtp = frame.AsSpan(42);
            int payloadLength;
            bool marker;
            byte payloadType;
            uint timestamp;
            if (events.TryGetValue(i, out var evt))
            {
                payloadType = eventPayloadType;
                marker = evt.Index == 0;
                timestamp = (uint)(evt.Start * SamplesPerPacket);
                var end = evt.Index >= DigitPackets;
                var duration = (ushort)(Math.Min(evt.Index + 1, DigitPackets) * SamplesPerPacket);
                rtp[12] = evt.Code;
                rtp[13] = (byte)((end ? 0x80 : 0) | 10);
                BinaryPrimitives.WriteUInt16BigEndian(rtp[14..], duration);
                payloadLength = 4;
            }
            else
            {
                payloadType = 0;
                marker = i == 0;
                timestamp = (uint)(i * SamplesPerPacket);
                for (var s = 0; s < SamplesPerPacket; s++)
                {
                    rtp[12 + s] = MuLaw.Encode(audio[i * SamplesPerPacket + s]);
                }

                payloadLength = SamplesPerPacket;
            }

            rtp[0] = 0x80;
            rtp[1] = (byte)((marker ? 0x80 : 0) | payloadType);
            BinaryPrimitives.WriteUInt16BigEndian(rtp[2..], (ushort)i);
            BinaryPrimitives.WriteUInt32BigEndian(rtp[4..], timestamp);
            BinaryPrimitives.WriteUInt32BigEndian(rtp[8..], Ssrc);
            WritePacket(file, frame, 12 + payloadLength, i * PacketMs);
        }
    }

    /// <summary>RFC 4733 §3.2 event code of a DTMF character.</summary>
    public static byte EventCode(char digit) => char.ToUpperInvariant(digit) switch
    {
        >= '0' and <= '9' => (byte)(digit - '0'),
        '*' => 10,
        '#' => 11,
        >= 'A' and <= 'D' => (byte)(char.ToUpperInvariant(digit) - 'A' + 12),
        _ => throw new ArgumentOutOfRangeException(nameof(digit), digit, "not a DTMF digit"),
    };

    private static Dictionary<int, (byte Code, int Start, int Index)> Schedule(string digits, int firstPacket)
    {
        var events = new Dictionary<int, (byte, int, int)>();
        var at = firstPacket;
        foreach (var digit in digits)
        {
            var code = EventCode(digit);
            // DigitPackets updates, then the end packet three times, all stamped with the event's start.
            for (var index = 0; index < DigitPackets + 3; index++)
            {
                events[at + index] = (code, at, index);
            }

            at += DigitPackets + 3 + GapPackets;
        }

        return events;
    }

    private static void WriteGlobalHeader(Stream file)
    {
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1);
        file.Write(header);
    }

    private static void WritePacket(Stream file, byte[] frame, int rtpLength, int atMs)
    {
        var udpLength = 8 + rtpLength;
        var ipLength = 20 + udpLength;
        var span = frame.AsSpan();
        span[..12].Clear();
        BinaryPrimitives.WriteUInt16BigEndian(span[12..], 0x0800);
        var ip = span.Slice(14, 20);
        ip.Clear();
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        ip[8] = 64;
        ip[9] = 17;
        ip[12] = 127;
        ip[15] = 1;
        ip[16] = 127;
        ip[19] = 1;
        BinaryPrimitives.WriteUInt16BigEndian(ip[10..], Checksum(ip));
        var udp = span.Slice(34, 8);
        BinaryPrimitives.WriteUInt16BigEndian(udp, 6000);
        BinaryPrimitives.WriteUInt16BigEndian(udp[2..], 6002);
        BinaryPrimitives.WriteUInt16BigEndian(udp[4..], (ushort)udpLength);
        BinaryPrimitives.WriteUInt16BigEndian(udp[6..], 0);
        Span<byte> record = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)(atMs / 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[4..], (uint)(atMs % 1000 * 1000));
        BinaryPrimitives.WriteUInt32LittleEndian(record[8..], (uint)(14 + ipLength));
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], (uint)(14 + ipLength));
        file.Write(record);
        file.Write(span[..(14 + ipLength)]);
    }

    private static ushort Checksum(ReadOnlySpan<byte> header)
    {
        var sum = 0u;
        for (var i = 0; i < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
