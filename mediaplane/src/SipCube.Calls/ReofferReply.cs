namespace SipCube.Calls;

/// <summary>
/// The answer to one phone re-offer (<see cref="CallEvent.SipReoffered"/>): the SIP leg posts it and awaits
/// <see cref="Outcome"/>; the session completes it once, with an SDP answer or a refusal. A refusal keeps the session as
/// it was (RFC 3261 §14.2).
/// </summary>
public sealed class ReofferReply
{
    private readonly TaskCompletionSource<ReofferOutcome> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the session's decision.</summary>
    public Task<ReofferOutcome> Outcome => outcome.Task;

    /// <summary>Accepts the offer with <paramref name="sdpAnswer"/>; false when already decided.</summary>
    public bool TryAnswer(string sdpAnswer)
    {
        ArgumentNullException.ThrowIfNull(sdpAnswer);
        return outcome.TrySetResult(new ReofferOutcome(200, "OK", sdpAnswer));
    }

    /// <summary>Refuses the offer with a final SIP status (e.g. 488, 491, 500); false when already decided.</summary>
    public bool TryRefuse(int statusCode, string reasonPhrase)
    {
        if (statusCode is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a refusal is 300-699");
        }

        return outcome.TrySetResult(new ReofferOutcome(statusCode, reasonPhrase, null));
    }
}
