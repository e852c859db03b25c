using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Tests.Parsing;

public class SipRoundTripPropertyTests
{
    private const string TokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";

    [Property(MaxTest = 300)]
    public Property Parse_of_serialize_equals_the_message() => Prop.ForAll(Arb.From(MessageGen()), message =>
    {
        var result = SipMessageParser.ParseDatagram(SipMessageWriter.ToArray(message));
        return result.Status == SipParseStatus.Complete && result.Message!.ContentEquals(message);
    });

    [Property(MaxTest = 300)]
    public Property Stream_parse_of_serialize_equals_the_message_at_any_segment_size() =>
        Prop.ForAll(Arb.From(MessageGen()), Arb.From(Gen.Choose(1, 64)), (message, segment) =>
        {
            var bytes = SipMessageWriter.ToArray(message);
            var result = SipStreamParser.TryParse(SipStreamParserTests.Segmented(bytes, segment));
            return result.Status == SipParseStatus.Complete && result.Consumed == bytes.Length && result.Message!.ContentEquals(message);
        });

    [Property(MaxTest = 200)]
    public Property Folding_a_header_line_at_a_space_does_not_change_the_message() =>
        Prop.ForAll(Arb.From(MessageGen()), Arb.From(Gen.Choose(0, 10_000)), (message, pick) =>
        {
            var bytes = SipMessageWriter.ToArray(message);
            var headLength = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
            var head = Encoding.Latin1.GetString(bytes, 0, headLength);
            var candidates = Enumerable.Range(1, head.Length - 2)
                .Where(i => head[i] == ' ' && !char.IsWhiteSpace(head[i - 1]) && !char.IsWhiteSpace(head[i + 1]) && head[i - 1] != ':' && head.LastIndexOf('\n', i) > 0)
                .ToList();
            if (candidates.Count == 0)
            {
                return true;
            }

            var at = candidates[pick % candidates.Count];
            var folded = bytes[..at].Concat("\r\n "u8.ToArray()).Concat(bytes[(at + 1)..]).ToArray();
            var result = SipMessageParser.ParseDatagram(folded);
            return result.Status == SipParseStatus.Complete && result.Message!.ContentEquals(message);
        });

    private static Gen<string> Token(int min, int max) =>
        Gen.Choose(min, max).SelectMany(n => Gen.ArrayOf(Gen.Elements(TokenChars.ToCharArray()), n)).Select(c => new string(c));

    private static Gen<string> Host() => Gen.OneOf(
        Gen.Choose(1, 254).Select(i => $"192.0.2.{i}"),
        Token(1, 12).Select(t => new string(t.Where(char.IsAsciiLetterOrDigit).ToArray()) + "x.example.com"),
        Gen.Choose(1, 65535).Select(i => $"[2001:db8::{i:x}]"));

    private static Gen<string> FreeText() => Gen.Choose(1, 30)
        .SelectMany(n => Gen.ArrayOf(Gen.Elements("a", "b", "Z", "0", "9", " ", "\"", "\\", ",", ";", "=", "<", ">", "é", "😀", "\t", ":", "/", "@"), n))
        .Select(parts => string.Concat(parts).Trim(' ', '\t'))
        .Where(s => s.Length > 0);

    private static Gen<SipMessage> MessageGen() =>
        from isRequest in Gen.Elements(true, false)
        from method in Gen.OneOf(Gen.Elements(SipMethods.Register, SipMethods.Options, SipMethods.Invite, SipMethods.Bye), Token(1, 10))
        from user in Token(1, 10)
        from host in Host()
        from port in Gen.Choose(1, 65535)
        from status in Gen.Choose(100, 699)
        from reason in FreeText()
        from branch in Token(1, 20)
        from tag in Token(1, 12)
        from callId in Token(1, 30)
        from cseq in Gen.Choose(0, int.MaxValue)
        from extraCount in Gen.Choose(0, 6)
        from extras in Gen.ArrayOf(Gen.Zip(Token(1, 15), FreeText()), extraCount)
        from bodyLength in Gen.Choose(0, 200)
        from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), bodyLength)
        select Build(isRequest, method, user, host, port, status, reason, branch, tag, callId, cseq, extras, body);

    private static SipMessage Build(bool isRequest, string method, string user, string host, int port, int status, string reason,
        string branch, string tag, string callId, int cseq, IEnumerable<(string, string)> extras, byte[] body)
    {
        var message = isRequest ? SipMessage.CreateRequest(method, $"sip:{user}@{host}:{port}") : SipMessage.CreateResponse(status, reason);
        message.Add(SipHeaderKind.Via, $"SIP/2.0/UDP {host}:{port};branch=z9hG4bK{branch};rport")
            .Add(SipHeaderKind.From, $"\"{user} \\\"q\\\"\" <sip:{user}@{host}>;tag={tag}")
            .Add(SipHeaderKind.To, $"<sip:{user}@{host}>")
            .Add(SipHeaderKind.CallId, callId)
            .Add(SipHeaderKind.CSeq, $"{cseq} {method}")
            .Add(SipHeaderKind.MaxForwards, "70");
        foreach (var (name, value) in extras)
        {
            message.Add("X-" + name, value);
        }

        message.Body = body;
        return message;
    }
}
