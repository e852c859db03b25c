using SipCube.Calls.Ports;

namespace SipCube.Calls.Tests.Fakes;

/// <summary>Records what the session asked of the app leg.</summary>
internal sealed class FakeAppLeg(string legId = "app") : IWebRtcLeg
{
    public string LegId { get; } = legId;

    public List<string> Calls { get; } = [];

    public AppCallTarget? Target { get; private set; }

    public string? Offer { get; private set; }

    public string? Answer { get; private set; }

    public List<AppEnding> Endings { get; } = [];

    public bool ThrowOnCall { get; set; }

    public ValueTask CallAsync(AppCallTarget target, string sdpOffer, CancellationToken cancellationToken)
    {
        if (ThrowOnCall)
        {
            throw new IOException("XMPP connection lost");
        }

        Target = target;
        Offer = sdpOffer;
        Calls.Add("call");
        return ValueTask.CompletedTask;
    }

    public ValueTask AcceptAsync(string sdpAnswer, CancellationToken cancellationToken)
    {
        Answer = sdpAnswer;
        Calls.Add("accept");
        return ValueTask.CompletedTask;
    }

    public ValueTask EndAsync(AppEnding ending, CancellationToken cancellationToken)
    {
        Endings.Add(ending);
        Calls.Add(ending.ToString());
        return ValueTask.CompletedTask;
    }
}
