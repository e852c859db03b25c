namespace SipCube.Codecs.Jitter;

/// <summary>What one playout tick yields.</summary>
public enum JitterFrameKind
{
    /// <summary>Nothing to play yet: still filling to the target delay (play silence).</summary>
    Buffering,

    /// <summary>A packet payload was copied out; decode it.</summary>
    Frame,

    /// <summary>The next packet is missing while later ones are here: run the decoder's loss concealment.</summary>
    Conceal,

    /// <summary>The buffer ran dry; conceal or play silence, the delay grows by one frame.</summary>
    Underrun,
}
