namespace SipCube.Codecs.Jitter;

/// <summary>One playout tick's result from <see cref="JitterBuffer.Pop"/>.</summary>
/// <param name="Kind">What to play.</param>
/// <param name="Length">Payload bytes copied out (for <see cref="JitterFrameKind.Frame"/>).</param>
/// <param name="Sequence">The RTP sequence number played or concealed.</param>
/// <param name="Timestamp">The RTP timestamp of the played packet.</param>
public readonly record struct JitterFrame(JitterFrameKind Kind, int Length, ushort Sequence, uint Timestamp);
