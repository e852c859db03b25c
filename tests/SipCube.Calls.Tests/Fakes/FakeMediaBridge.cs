using SipCube.Calls.Ports;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>Turns SDP into tagged strings so tests can follow offers and answers across sides.</summary>
internal sealed class FakeMediaBridge : IMediaBridge
{
    public bool Incompatible { get; set; }

    public bool Disposed { get; private set; }

    public string? CompletedWith { get; private set; }

    public MediaBridgeStats Stats { get; set; } = new(
        new LegMediaStats { AudioCodec = "PCMU", PacketsReceived = 10, PacketsSent = 9, PacketsLost = 1, JitterMs = 2.5 },
        new LegMediaStats { AudioCodec = "PCMU", PacketsReceived = 9, PacketsSent = 10 });

    public ValueTask<string> CreateOfferAsync(MediaSide offeringSide, string remoteOffer, CancellationToken cancellationToken)
    {
        if (Incompatible)
        {
            throw new IncompatibleMediaException("no shared codec");
        }

        return ValueTask.FromResult($"offer-for-{(offeringSide == MediaSide.Sip ? "app" : "sip")}({remoteOffer})");
    }

    public ValueTask<string> CompleteAsync(MediaSide answeringSide, string remoteAnswer, CancellationToken cancellationToken)
    {
        CompletedWith = remoteAnswer;
        return ValueTask.FromResult($"answer-for-{(answeringSide == MediaSide.Sip ? "app" : "sip")}({remoteAnswer})");
    }

    public List<string> Updates { get; } = [];

    public List<char> DigitsToApp { get; } = [];

    public ValueTask<string> UpdateFromPhoneAsync(string remoteOffer, CancellationToken cancellationToken)
    {
        if (Incompatible)
        {
            throw new IncompatibleMediaException("no shared codec");
        }

        Updates.Add(remoteOffer);
        return ValueTask.FromResult($"reanswer-for-sip({remoteOffer})");
    }

    public void SendDtmfToApp(char digit, TimeSpan duration) => DigitsToApp.Add(digit);

    public MediaBridgeStats GetStats() => Stats;

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
