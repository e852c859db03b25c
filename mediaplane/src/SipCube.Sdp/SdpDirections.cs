namespace SipCube.Sdp;

/// <summary>Conversions for <see cref="SdpDirection"/>.</summary>
/// <remarks>RFC 3264 §6.1: the answer to sendonly is recvonly and vice versa.</remarks>
public static class SdpDirections
{
    /// <summary>The attribute name.</summary>
    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>The direction an answerer uses when it wants <paramref name="wanted"/> and got <paramref name="offered"/>.</summary>
    public static SdpDirection Answer(SdpDirection offered, SdpDirection wanted = SdpDirection.SendRecv)
    {
        var canSend = offered is SdpDirection.SendRecv or SdpDirection.RecvOnly;
        var canReceive = offered is SdpDirection.SendRecv or SdpDirection.SendOnly;
        var send = canSend && wanted is SdpDirection.SendRecv or SdpDirection.SendOnly;
        var receive = canReceive && wanted is SdpDirection.SendRecv or SdpDirection.RecvOnly;
        return (send, receive) switch
        {
            (true, true) => SdpDirection.SendRecv,
            (true, false) => SdpDirection.SendOnly,
            (false, true) => SdpDirection.RecvOnly,
            _ => SdpDirection.Inactive,
        };
    }

    internal static SdpDirection? Find(IEnumerable<SdpAttribute> attributes)
    {
        foreach (var a in attributes)
        {
            switch (a.Name)
            {
                case "sendrecv": return SdpDirection.SendRecv;
                case "sendonly": return SdpDirection.SendOnly;
                case "recvonly": return SdpDirection.RecvOnly;
                case "inactive": return SdpDirection.Inactive;
            }
        }

        return null;
    }
}
