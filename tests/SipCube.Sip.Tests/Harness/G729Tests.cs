using SipCube.Testing;
using SipCube.Testing.Audio;

namespace SipCube.Sip.Tests.Harness;

/// <summary>The G.729 tone the SIPp G.729 phone streams survives libbcg729's encoder and decoder.</summary>
public sealed class G729Tests
{
    [SkippableFact]
    public void A_tone_encoded_and_decoded_is_still_found()
    {
        if (!G729.IsAvailable)
        {
            InteropPeer.Unavailable("libbcg729.so.0 is not installed (tests/setup.sh installs libbcg729-0)");
        }

        var coded = G729.Encode(ToneWav.Sine(1000, 1, 8000, 0.5));

        Assert.Equal(1000, coded.Length);
        var result = ToneAnalysis.Analyze(G729.Decode(coded), 8000);
        Assert.True(result.IsToneNear(1000, 10), result.ToString());
    }
}
