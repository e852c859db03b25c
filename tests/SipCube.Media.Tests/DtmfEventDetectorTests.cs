using SipCube.Media.Dtmf;

namespace SipCube.Media.Tests;

public class DtmfEventDetectorTests
{
    private static byte[] Payload(byte digit, bool end, ushort duration) =>
        [digit, (byte)((end ? 0x80 : 0) | 10), (byte)(duration >> 8), (byte)duration];

    [Fact]
    public void An_event_is_start_continuations_then_one_end_and_duplicate_ends()
    {
        var detector = new DtmfEventDetector();

        DtmfEventKind[] kinds =
        [
            detector.Observe(Payload(5, false, 160), 1000),
            detector.Observe(Payload(5, false, 320), 1000),
            detector.Observe(Payload(5, true, 800), 1000),
            detector.Observe(Payload(5, true, 800), 1000),
            detector.Observe(Payload(5, true, 800), 1000),
        ];

        Assert.Equal([DtmfEventKind.Start, DtmfEventKind.Continuation, DtmfEventKind.End, DtmfEventKind.DuplicateEnd, DtmfEventKind.DuplicateEnd], kinds);
        Assert.True(detector.TryTake(out var digit));
        Assert.Equal(new DtmfDigit(5, 800), digit);
        Assert.False(detector.TryTake(out _));
    }

    [Fact]
    public void A_new_timestamp_starts_a_new_event_even_without_a_marker_bit()
    {
        var detector = new DtmfEventDetector();
        detector.Observe(Payload(1, true, 800), 1000);

        Assert.Equal(DtmfEventKind.Start, detector.Observe(Payload(1, false, 160), 3000));
        Assert.Equal(DtmfEventKind.End, detector.Observe(Payload(1, true, 800), 3000));
        Assert.Equal(2, detector.DigitsCompleted);
    }

    [Fact]
    public void Digits_come_out_in_order_as_symbols()
    {
        var detector = new DtmfEventDetector();
        byte[] events = [1, 10, 11, 12, 0];
        for (var i = 0; i < events.Length; i++)
        {
            detector.Observe(Payload(events[i], true, 400), (uint)(i * 1000));
        }

        var symbols = new List<char>();
        while (detector.TryTake(out var digit))
        {
            symbols.Add(digit.Symbol);
        }

        Assert.Equal("1*#A0", new string([.. symbols]));
    }

    [Fact]
    public void Short_payload_is_malformed() =>
        Assert.Equal(DtmfEventKind.Malformed, new DtmfEventDetector().Observe([1, 2, 3], 0));
}
