using System.Buffers.Binary;
using SipCube.Testing.Audio;

namespace SipCube.Sip.Tests.Harness;

/// <summary>The pcap SIPp replays for tone + RFC 4733 DTMF, read back packet by packet.</summary>
public sealed class RtpPcapTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("pcap-");

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void Digits_replace_audio_as_rfc4733_events_with_marker_start_timestamp_and_three_end_packets()
    {
        var path = Path.Combine(_dir.FullName, "call.pcap");
        RtpPcap.WritePcmuWithDtmf(path, 1000, 2, "5#", dtmfStartSeconds: 0.5);

        var packets = Read(path);

        Assert.Equal(100, packets.Count);
        Assert.All(packets.Select((p, i) => (p, i)), x => Assert.Equal((ushort)x.i, x.p.Sequence));
        var events = packets.Where(p => p.PayloadType == 101).ToList();
        Assert.Equal(22, events.Count);
        var five = events.Take(11).ToList();
        Assert.True(five[0].Marker);
        Assert.All(five.Skip(1), p => Assert.False(p.Marker));
        Assert.All(five, p => Assert.Equal(25u * 160, p.Timestamp));
        Assert.All(five, p => Assert.Equal(5, p.Payload[0]));
        Assert.Equal([false, false, false, false, false, false, false, false, true, true, true], five.Select(p => (p.Payload[1] & 0x80) != 0));
        Assert.Equal(1280, BinaryPrimitives.ReadUInt16BigEndian(five[^1].Payload.AsSpan(2)));
        Assert.Equal(11, events[11].Payload[0]);
        Assert.Equal(41u * 160, events[11].Timestamp);
        var audio = packets.Where(p => p.PayloadType == 0).ToList();
        Assert.All(audio, p => Assert.Equal(160, p.Payload.Length));
        var samples = audio.SelectMany(p => p.Payload).Select(b => MuLaw.Decode(b) / 32768f).ToArray();
        Assert.True(ToneAnalysis.Analyze(samples, 8000).IsToneNear(1000, 2));
    }

    [Theory]
    [InlineData('0', 0)]
    [InlineData('9', 9)]
    [InlineData('*', 10)]
    [InlineData('#', 11)]
    [InlineData('a', 12)]
    [InlineData('D', 15)]
    public void Event_codes_follow_rfc4733(char digit, byte code) => Assert.Equal(code, RtpPcap.EventCode(digit));

    [Fact]
    public void A_character_that_is_no_digit_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RtpPcap.EventCode('x'));

    private sealed record Packet(bool Marker, int PayloadType, ushort Sequence, uint Timestamp, byte[] Payload);

    private static List<Packet> Read(string path)
    {
        var file = File.ReadAllBytes(path).AsSpan();
        Assert.Equal(0xA1B2C3D4u, BinaryPrimitives.ReadUInt32LittleEndian(file));
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(file[20..]));
        var packets = new List<Packet>();
        for (var at = 24; at < file.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(file[(at + 8)..]);
            var frame = file.Slice(at + 16, length);
            Assert.Equal(0x0800, BinaryPrimitives.ReadUInt16BigEndian(frame[12..]));
            Assert.Equal(length - 14, BinaryPrimitives.ReadUInt16BigEndian(frame[16..]));
            var rtp = frame[42..];
            packets.Add(new Packet((rtp[1] & 0x80) != 0, rtp[1] & 0x7F, BinaryPrimitives.ReadUInt16BigEndian(rtp[2..]),
                BinaryPrimitives.ReadUInt32BigEndian(rtp[4..]), rtp[12..].ToArray()));
            at += 16 + length;
        }

        return packets;
    }
}
