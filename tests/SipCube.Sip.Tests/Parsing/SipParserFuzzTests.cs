using System.Buffers;
using SipCube.Sip.Message;
using SipCube.Sip.Parsing;
using Xunit.Abstractions;

namespace SipCube.Sip.Tests.Parsing;

/// <summary>
/// Mutation fuzzing over the RFC 4475 corpus and our own messages: every mutant goes through the
/// datagram parser, the stream parser and (when it parses) the typed header parsers and the writer.
/// Nothing may throw; the counts are printed for the issue note.
/// </summary>
public class SipParserFuzzTests(ITestOutputHelper output)
{
    private const int Iterations = 40_000;

    [Fact]
    public void Mutated_messages_never_throw()
    {
        var seeds = Directory.GetFiles(TestMessages.Rfc4475Dir, "*.sip", SearchOption.AllDirectories)
            .Select(f => TestMessages.ToCrlf(File.ReadAllText(f)))
            .Append(TestMessages.ToCrlf(TestMessages.Register))
            .Append(TestMessages.ToCrlf(TestMessages.InviteWithBody))
            .ToList();
        var random = new Random(4475);
        int crashes = 0, complete = 0, errors = 0;
        var firstCrash = string.Empty;
        for (var i = 0; i < Iterations; i++)
        {
            var mutant = Mutate(seeds[random.Next(seeds.Count)], random);
            try
            {
                var datagram = SipMessageParser.ParseDatagram(mutant);
                var stream = SipStreamParser.TryParse(new ReadOnlySequence<byte>(mutant));
                Exercise(datagram.Message);
                Exercise(stream.Message);
                if (datagram.Status == SipParseStatus.Complete)
                {
                    complete++;
                }
                else
                {
                    errors++;
                }
            }
#pragma warning disable CA1031 // the point of the test is to catch anything
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (crashes++ == 0)
                {
                    firstCrash = ex + "\n" + Convert.ToBase64String(mutant);
                }
            }
        }

        output.WriteLine($"fuzz: {seeds.Count} seeds, {Iterations} mutants, {complete} parsed, {errors} rejected, {crashes} crashes");
        Assert.True(crashes == 0, firstCrash);
    }

    private static void Exercise(SipMessage? message)
    {
        if (message is null)
        {
            return;
        }

        _ = message.TopVia;
        _ = message.CSeq;
        foreach (var header in message.Headers)
        {
            _ = header.Value;
            if (header.Kind is SipHeaderKind.From or SipHeaderKind.To or SipHeaderKind.Contact)
            {
                foreach (var value in HeaderValueSplitter.SplitCommas(header.Value))
                {
                    _ = NameAddress.TryParse(value, out var address) && address.ToString().Length > 0;
                }
            }
        }

        _ = SipUri.TryParse(message.RequestUri, out _);
        _ = SipMessageWriter.ToArray(message);
    }

    internal static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var count = random.Next(1, 6);
        for (var m = 0; m < count && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(8))
            {
                case 0:
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    data[at] = (byte)random.Next(256);
                    break;
                case 2:
                    data.RemoveRange(at, Math.Min(random.Next(1, 20), data.Count - at));
                    break;
                case 3:
                    data.InsertRange(at, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 4:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 5:
                    var length = Math.Min(random.Next(1, 40), data.Count - at);
                    data.InsertRange(random.Next(data.Count), data.GetRange(at, length));
                    break;
                case 6:
                    data.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    data.InsertRange(at, "\r\n"u8.ToArray());
                    break;
            }
        }

        return data.ToArray();
    }

    private static readonly byte[][] Interesting =
    [
        "\r\n "u8.ToArray(), "\r\n\r\n"u8.ToArray(), ";"u8.ToArray(), ","u8.ToArray(), "\""u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(),
        ":"u8.ToArray(), "@"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), "%"u8.ToArray(), "\\"u8.ToArray(), "\0"u8.ToArray(),
        "Content-Length: 99999\r\n"u8.ToArray(), "l: 5\r\n"u8.ToArray(), "Via: SIP/2.0/UDP [::1\r\n"u8.ToArray(), "\xff\xfe"u8.ToArray(),
    ];
}
