using SipCube.Sip.Message;
using SipCube.Sip.Parsing;

namespace SipCube.Sip.Tests.Parsing;

public class Rfc4475TortureTests
{
    public static TheoryData<string> ValidFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(TestMessages.Rfc4475Dir, "valid"), "*.sip").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    public static TheoryData<string, string> InvalidFiles()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(TestMessages.Rfc4475Dir, "invalid", "expected.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var parts = line.Split('\t');
            data.Add(parts[0], parts[1]);
        }

        return data;
    }

    [Fact]
    public void The_corpus_holds_all_transcribed_messages()
    {
        Assert.Equal(16, ValidFiles().Count);
        Assert.Equal(15, InvalidFiles().Count);
        Assert.Equal(15, Directory.GetFiles(Path.Combine(TestMessages.Rfc4475Dir, "invalid"), "*.sip").Length);
    }

    [Theory]
    [MemberData(nameof(ValidFiles))]
    public void Valid_message_parses_and_round_trips(string file)
    {
        var bytes = TestMessages.LoadRfc4475("valid/" + file);
        var first = SipMessageParser.ParseDatagram(bytes);
        Assert.True(first.Status == SipParseStatus.Complete, $"{file}: {first}");

        var serialized = SipMessageWriter.ToArray(first.Message!);
        var second = SipMessageParser.ParseDatagram(serialized);
        Assert.True(second.Status == SipParseStatus.Complete, $"{file} after round trip: {second}\n{SipMessageWriter.ToText(first.Message!)}");
        Assert.True(first.Message!.ContentEquals(second.Message!), file);
        Assert.Equal(serialized, SipMessageWriter.ToArray(second.Message!));
    }

    [Theory]
    [MemberData(nameof(InvalidFiles))]
    public void Invalid_message_is_rejected_with_its_reason(string file, string expected)
    {
        var result = SipMessageParser.ParseDatagram(TestMessages.LoadRfc4475("invalid/" + file));
        Assert.Equal(SipParseStatus.Error, result.Status);
        Assert.Equal(Enum.Parse<SipParseError>(expected), result.Error);
    }

    [Fact]
    public void Wsinv_unfolds_and_reads_compact_and_odd_case_headers()
    {
        var message = SipMessageParser.ParseDatagram(TestMessages.LoadRfc4475("valid/wsinv.sip")).Message!;
        Assert.Equal("INVITE", message.Method);
        Assert.Equal(new CSeqHeader(9, "INVITE"), message.CSeq);
        Assert.Equal("68".PadLeft(4, '0'), message.Get(SipHeaderKind.MaxForwards));
        Assert.Equal("newfangled value continued newfangled value", message.Get("NewFangledHeader"));
        var vias = message.GetAll(SipHeaderKind.Via).ToList();
        Assert.Equal(3, vias.Count);
        Assert.True(ViaHeader.TryParse(vias[1], out var second));
        Assert.Equal("TCP", second.Transport);
        Assert.Equal("z9hG4bK9ikj8", second.Branch);
        Assert.True(ViaHeader.TryParse(vias[2], out var third));
        Assert.Equal("z9hG4bK30239", third.Branch);
        Assert.True(NameAddress.TryParse(message.Get(SipHeaderKind.From), out var from));
        Assert.Equal("98asjd8", from.Tag);
        Assert.Equal("\"J Rosenberg \\\\\\\"\"", from.DisplayName);
        Assert.True(NameAddress.TryParse(message.Get(SipHeaderKind.Contact), out var contact));
        Assert.Equal("0.33", contact.Parameters.Get("q"));
        Assert.Equal(150, message.Body.Length);
    }

    [Fact]
    public void Esc01_keeps_escapes_and_unescapes_on_demand()
    {
        var message = SipMessageParser.ParseDatagram(TestMessages.LoadRfc4475("valid/esc01.sip")).Message!;
        Assert.True(NameAddress.TryParse(message.Get(SipHeaderKind.To), out var to));
        Assert.Equal("sip:user@example.com", to.Uri.ToAor());
        Assert.True(SipUri.TryParse(message.RequestUri, out var ruri));
        Assert.Equal("sips:user@example.com", SipUri.Unescape(ruri.User!));
    }

    [Fact]
    public void Dblreq_datagram_takes_only_the_first_message()
    {
        var message = SipMessageParser.ParseDatagram(TestMessages.LoadRfc4475("valid/dblreq.sip")).Message!;
        Assert.Equal("REGISTER", message.Method);
        Assert.Equal(0, message.Body.Length);
    }
}
