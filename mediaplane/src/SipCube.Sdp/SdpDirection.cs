namespace SipCube.Sdp;

/// <summary>Media direction attributes.</summary>
/// <remarks>RFC 8866 §6.7, RFC 3264 §6.1 (answer reverses send/recv)</remarks>
public enum SdpDirection
{
    /// <summary><c>a=sendrecv</c>.</summary>
    SendRecv,

    /// <summary><c>a=sendonly</c>.</summary>
    SendOnly,

    /// <summary><c>a=recvonly</c>.</summary>
    RecvOnly,

    /// <summary><c>a=inactive</c>.</summary>
    Inactive,
}
