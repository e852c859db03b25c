namespace SipCube.Srtp;

/// <summary>SSRC → <see cref="SrtpStreamState"/> map with a cap, so a context cannot grow without bound.</summary>
/// <remarks>RFC 3711 §3.2.3. Receive state is only created after a packet authenticated.</remarks>
internal sealed class SrtpStreamTable
{
    /// <summary>Far above any real session (audio + video + RTX + FEC per peer); a bug guard, not a policy.</summary>
    public const int MaxStreams = 1024;

    private readonly Dictionary<uint, SrtpStreamState> streams = [];

    public int Count => streams.Count;

    public SrtpStreamState? Find(uint ssrc) => streams.GetValueOrDefault(ssrc);

    /// <summary>Returns the state for <paramref name="ssrc"/>, adding it if there is room; null when full.</summary>
    public SrtpStreamState? GetOrAdd(uint ssrc)
    {
        if (streams.TryGetValue(ssrc, out SrtpStreamState? state))
        {
            return state;
        }

        if (streams.Count >= MaxStreams)
        {
            return null;
        }

        state = new SrtpStreamState();
        streams.Add(ssrc, state);
        return state;
    }
}
