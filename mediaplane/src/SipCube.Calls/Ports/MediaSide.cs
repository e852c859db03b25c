namespace SipCube.Calls.Ports;

/// <summary>The two sides of a bridged call.</summary>
public enum MediaSide
{
    /// <summary>The SIP phone side.</summary>
    Sip = 1,

    /// <summary>The ConnectyCube app (WebRTC) side.</summary>
    App = 2,
}
