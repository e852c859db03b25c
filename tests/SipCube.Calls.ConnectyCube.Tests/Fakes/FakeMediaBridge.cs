using SipCube.Calls.Ports;

namespace SipCube.Calls.ConnectyCube.Tests.Fakes;

/// <summary>A media bridge that hands out fixed SDP and remembers what each side sent.</summary>
internal sealed class FakeMediaBridge(string offerToApp) : IMediaBridge
{
    public const string OfferToPhone = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=offer-to-phone\r\n";
    public const string AnswerToPhone = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=answer-to-phone\r\n";
    public const string AnswerToApp = "v=0\r\no=- 3 1 IN IP4 127.0.0.1\r\ns=answer-to-app\r\n";

    public string? RemoteOffer { get; private set; }

    public string? RemoteAnswer { get; private set; }

    public bool Disposed { get; private set; }

    public ValueTask<string> CreateOfferAsync(MediaSide offeringSide, string remoteOffer, CancellationToken cancellationToken)
    {
        RemoteOffer = remoteOffer;
        return ValueTask.FromResult(offeringSide == MediaSide.App ? OfferToPhone : offerToApp);
    }

    public ValueTask<string> CompleteAsync(MediaSide answeringSide, string remoteAnswer, CancellationToken cancellationToken)
    {
        RemoteAnswer = remoteAnswer;
        return ValueTask.FromResult(answeringSide == MediaSide.App ? AnswerToPhone : AnswerToApp);
    }

    public ValueTask<string> UpdateFromPhoneAsync(string remoteOffer, CancellationToken cancellationToken) => ValueTask.FromResult(AnswerToPhone);

    public void SendDtmfToApp(char digit, TimeSpan duration)
    {
    }

    public MediaBridgeStats GetStats() => MediaBridgeStats.Empty;

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }
}
