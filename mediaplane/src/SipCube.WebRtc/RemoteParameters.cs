using SipCube.Sdp;

namespace SipCube.WebRtc;

/// <summary>What we take from the peer's description: ICE credentials, certificate fingerprint and DTLS setup.</summary>
/// <remarks>RFC 8839 §5.4 (ice-ufrag/pwd), RFC 8122 §5 (fingerprint), RFC 4145 §4 (setup). Candidates are not
/// used: as an ICE-lite agent we learn the peer's address from its authenticated checks.</remarks>
internal sealed record RemoteParameters(string Ufrag, string Password, string Fingerprint, SdpSetup Setup)
{
    public static RemoteParameters? From(SessionDescription sdp, out string? problem)
    {
        problem = null;
        var media = sdp.Media.FirstOrDefault(m => m.Port != 0);
        if (media is null)
        {
            problem = "no accepted m-line";
            return null;
        }

        var ufrag = sdp.GetAttribute(media, "ice-ufrag");
        var pwd = sdp.GetAttribute(media, "ice-pwd");
        var fingerprint = sdp.GetAttribute(media, "fingerprint") is { } f ? SdpFingerprint.TryParse(f) : null;
        var setup = SdpSetups.TryParse(sdp.GetAttribute(media, "setup"));
        if (string.IsNullOrEmpty(ufrag) || string.IsNullOrEmpty(pwd))
        {
            problem = "missing ice-ufrag/ice-pwd";
        }
        else if (fingerprint is null || fingerprint.HashFunction != "sha-256")
        {
            problem = "missing sha-256 fingerprint";
        }
        else if (setup is null)
        {
            problem = "missing a=setup";
        }
        else if (!media.HasAttribute("rtcp-mux"))
        {
            problem = "rtcp-mux is required";
        }

        return problem is null ? new RemoteParameters(ufrag!, pwd!, fingerprint!.Value, setup!.Value) : null;
    }
}
