using System.Buffers;
using System.Text;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Tests.Parsing;

public class SipStreamParserTests
{
    private static readonly byte[] Invite = TestMessages.ToCrlf(TestMessages.InviteWithBody);

    [Fact]
    public void Every_incomplete_prefix_is_incomplete_and_consumes_nothing()
    {
        for (var length = 0; length < Invite.Length; length++)
        {
            var result = SipStreamParser.TryParse(new ReadOnlySequence<byte>(Invite, 0, length));
            Assert.True(result.Status == SipParseStatus.Incomplete, $"prefix {length}: {result}");
            Assert.Equal(0, result.Consumed);
        }

        var whole = SipStreamParser.TryParse(new ReadOnlySequence<byte>(Invite));
        Assert.Equal(SipParseStatus.Complete, whole.Status);
        Assert.Equal(Invite.Length, whole.Consumed);
        Assert.Equal("v=0\r\ns=-\r\nx", Encoding.ASCII.GetString(whole.Message!.Body.Span));
    }

    [Fact]
    public void A_message_split_into_one_byte_segments_parses_the_same()
    {
        var sequence = Segmented(Invite, 1);
        var result = SipStreamParser.TryParse(sequence);
        Assert.Equal(SipParseStatus.Complete, result.Status);
        Assert.True(result.Message!.ContentEquals(SipMessageParser.ParseDatagram(Invite).Message!));
    }

    [Fact]
    public void Fed_byte_by_byte_two_back_to_back_messages_and_pings_come_out_in_order()
    {
        var stream = Invite.Concat("\r\n\r\n"u8.ToArray()).Concat(Invite).Concat("\r\n"u8.ToArray()).ToArray();
        var pending = new List<byte>();
        var seen = new List<SipParseStatus>();
        foreach (var b in stream)
        {
            pending.Add(b);
            while (true)
            {
                var result = SipStreamParser.TryParse(Segmented(pending.ToArray(), 1));
                if (result.Status == SipParseStatus.Incomplete)
                {
                    break;
                }

                Assert.NotEqual(SipParseStatus.Error, result.Status);
                seen.Add(result.Status);
                pending.RemoveRange(0, result.Consumed);
            }
        }

        Assert.Equal([SipParseStatus.Complete, SipParseStatus.KeepAlivePing, SipParseStatus.Complete], seen.Take(3));
        Assert.Equal(2, pending.Count); // the trailing single CRLF waits: it may be the start of a ping
    }

    [Fact]
    public void Stream_message_without_content_length_is_an_error()
    {
        var bytes = TestMessages.ToCrlf(TestMessages.Register.Replace("Content-Length: 0\n", string.Empty, StringComparison.Ordinal));
        var result = SipStreamParser.TryParse(new ReadOnlySequence<byte>(bytes));
        Assert.Equal(SipParseError.MissingContentLength, result.Error);
    }

    [Fact]
    public void Oversized_head_is_rejected_before_it_completes()
    {
        var limits = new SipParserLimits { MaxMessageSize = 1000 };
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:a@b SIP/2.0\r\n" + string.Concat(Enumerable.Repeat("X-Pad: 0123456789\r\n", 100)));
        Assert.Equal(SipParseError.MessageTooLarge, SipStreamParser.TryParse(new ReadOnlySequence<byte>(bytes), limits).Error);
    }

    [Fact]
    public void Unterminated_overlong_first_line_is_rejected()
    {
        var limits = new SipParserLimits { MaxLineLength = 100 };
        var bytes = Encoding.ASCII.GetBytes("OPTIONS sip:" + new string('a', 200));
        Assert.Equal(SipParseError.LineTooLong, SipStreamParser.TryParse(new ReadOnlySequence<byte>(bytes), limits).Error);
    }

    internal static ReadOnlySequence<byte> Segmented(byte[] data, int size)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(data.AsMemory(0, Math.Min(size, data.Length)), 0);
        var last = first;
        for (var offset = size; offset < data.Length; offset += size)
        {
            last = last.Append(data.AsMemory(offset, Math.Min(size, data.Length - offset)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
