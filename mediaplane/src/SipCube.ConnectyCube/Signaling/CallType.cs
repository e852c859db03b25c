namespace SipCube.ConnectyCube.Signaling;

/// <summary>The <c>callType</c> field: 1 video, 2 audio; any other value is read as video, as the SDK does.</summary>
/// <remarks>connectycube-protocol.md §3.3.</remarks>
public enum CallType
{
    /// <summary>Video call.</summary>
    Video = 1,

    /// <summary>Audio-only call.</summary>
    Audio = 2,
}
