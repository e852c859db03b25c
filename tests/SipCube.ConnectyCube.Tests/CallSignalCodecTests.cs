using System.Xml.Linq;
using SipCube.ConnectyCube.Signaling;

namespace SipCube.ConnectyCube.Tests;

public sealed class CallSignalCodecTests
{
    // Shaped like what the web SDK sends (connectycube-protocol.md §3.4), with the server-stamped from.
    private const string SdkIceCandidates = """
        <message xmlns="jabber:client" to="102-7@chat.example" from="101-7@chat.example/res1" type="headline" id="6a1f00c0ffee000000000001">
          <extraParams xmlns="jabber:client">
            <sessionID>0f6c1d2e-8a4b-4c3d-9e5f-1a2b3c4d5e6f</sessionID>
            <callType>1</callType>
            <callerID>101</callerID>
            <opponentsIDs><opponentID>102</opponentID></opponentsIDs>
            <iceCandidates>
              <iceCandidate><sdpMLineIndex></sdpMLineIndex><sdpMid>0</sdpMid><candidate>candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host</candidate></iceCandidate>
              <iceCandidate><sdpMLineIndex>1</sdpMLineIndex><sdpMid>1</sdpMid><candidate>candidate:2 1 udp 2122260223 127.0.0.1 50002 typ host</candidate></iceCandidate>
              <iceCandidate><sdpMLineIndex>1</sdpMLineIndex><sdpMid>1</sdpMid><candidate></candidate></iceCandidate>
            </iceCandidates>
            <moduleIdentifier>WebRTCVideoChat</moduleIdentifier>
            <signalType>iceCandidates</signalType>
            <platform>web</platform>
          </extraParams>
        </message>
        """;

    [Fact]
    public void Empty_sdpMLineIndex_reads_as_zero_and_empty_candidates_are_skipped()
    {
        var signal = CallSignalCodec.Decode(XElement.Parse(SdkIceCandidates)).Signal!;
        Assert.Equal(CallSignalType.IceCandidates, signal.Type);
        Assert.Equal(101, signal.SenderId);
        Assert.Equal(CallType.Video, signal.CallType);
        Assert.Equal([new IceCandidate(0, "0", "candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host"), new IceCandidate(1, "1", "candidate:2 1 udp 2122260223 127.0.0.1 50002 typ host")], signal.IceCandidates);
    }

    [Fact]
    public void Round_trips_every_field_and_restores_crlf_in_sdp()
    {
        var sent = new CallSignal
        {
            Type = CallSignalType.Call,
            SessionId = "s-1",
            CallType = CallType.Audio,
            CallerId = 201,
            OpponentIds = [202],
            Sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n",
            Platform = "web",
            UserInfo = new Dictionary<string, string> { ["callerName"] = "Desk phone 2001", ["extra.nested"] = "x" },
        };
        var xml = CallSignalCodec.Encode(sent, "202-7@chat.example", "abc");
        Assert.Null(xml.Attribute("from"));
        xml.SetAttributeValue("from", "201-7@chat.example/r");

        // Through text and back, as over the wire: the XML parser turns CRLF into LF.
        var received = CallSignalCodec.Decode(XElement.Parse(xml.ToString(SaveOptions.DisableFormatting))).Signal!;

        Assert.Equal(sent.Sdp, received.Sdp);
        Assert.Equal(sent with { SenderId = 201, MessageId = "abc", UserInfo = received.UserInfo, OpponentIds = received.OpponentIds, IceCandidates = received.IceCandidates }, received);
        Assert.Equal([202], received.OpponentIds);
        Assert.Empty(received.IceCandidates);
        Assert.Equal("Desk phone 2001", received.UserInfo["callerName"]);
        Assert.Equal("x", received.UserInfo["extra.nested"]);
    }

    [Theory]
    [InlineData("<message xmlns='jabber:client' type='headline'><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>hangUp</signalType><sessionID>s</sessionID></extraParams></message>", CallSignalError.MissingFrom)]
    [InlineData("<message xmlns='jabber:client' from='5-1@d/r'><delay xmlns='urn:xmpp:delay'/><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>call</signalType><sessionID>s</sessionID></extraParams></message>", CallSignalError.Delayed)]
    [InlineData("<message xmlns='jabber:client' from='5-1@d/r'><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>call</signalType><sessionID>s</sessionID><callerID>5</callerID></extraParams></message>", CallSignalError.MissingCallFields)]
    [InlineData("<message xmlns='jabber:client' from='5-1@d/r'><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>update</signalType><sessionID>s</sessionID></extraParams></message>", CallSignalError.UnknownType)]
    [InlineData("<message xmlns='jabber:client' from='5-1@d/r'><extraParams><moduleIdentifier>WebRTCVideoChat</moduleIdentifier><signalType>hangUp</signalType></extraParams></message>", CallSignalError.MissingSessionId)]
    [InlineData("<message xmlns='jabber:client' from='5-1@d/r' type='chat'><body>hi</body></message>", CallSignalError.NotASignal)]
    public void Refuses_what_the_sdk_would_drop(string xml, CallSignalError error) =>
        Assert.Equal(error, CallSignalCodec.Decode(XElement.Parse(xml)).Error);
}
