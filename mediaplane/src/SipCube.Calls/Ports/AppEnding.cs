namespace SipCube.Calls.Ports;

/// <summary>How the ConnectyCube app leg is ended (connectycube-protocol.md §3.2 signal types).</summary>
public enum AppEnding
{
    /// <summary>A <c>hangUp</c> signal: the end of an answered call, or the caller giving up before an answer.</summary>
    HangUp = 1,

    /// <summary>A <c>reject</c> signal: the callee declines.</summary>
    Reject = 2,

    /// <summary>A <c>reject</c> signal with <c>userInfo.busy=true</c>.</summary>
    RejectBusy = 3,
}
